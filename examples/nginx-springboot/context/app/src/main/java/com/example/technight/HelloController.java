package com.example.technight;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class HelloController {
    @GetMapping("/")
    public String hello() throws UnknownHostException {
        // Each awsvpc task has its own IP address, so the production (:80) and
        // test (:8000) listeners show which task set answered.
        return "Hello from Spring Boot on " + InetAddress.getLocalHost().getHostAddress() + "\n";
    }
}

// Command gentree writes a deterministic source tree shaped like the seed
// revision (a Spring Boot app behind nginx, packed as application.zip for a
// CodePipeline S3 source), for benchmarking `bgspec pack` against zip.
//
//	go run ./scripts/gentree -o DIR [-scale N]
//
// At scale 1 the tree is about 100 MB: a 40 MB jar (a real jar: deflated
// class-like entries, so nearly incompressible), about 3,000 Java sources,
// a few hundred images, web resources, nginx and app Docker contexts, and
// valid buildspec.yml, appspec.yaml and taskdef.json at the root. Scale N
// writes N modules, about N × 100 MB. The same flags always write the same
// bytes.
package main

import (
	"archive/zip"
	"bufio"
	"compress/flate"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"strings"

	"github.com/bgspec/bgspec/internal/testtree"
)

func main() {
	out := flag.String("o", "", "output folder (must not exist or be empty)")
	scale := flag.Int("scale", 1, "size multiplier (modules of ~100 MB)")
	flag.Parse()
	if *out == "" || *scale < 1 {
		fmt.Fprintln(os.Stderr, "usage: gentree -o DIR [-scale N]")
		os.Exit(2)
	}
	g := &gen{root: *out}
	g.specs()
	for m := 0; m < *scale; m++ {
		g.module(m)
	}
	if g.err != nil {
		fmt.Fprintln(os.Stderr, g.err)
		os.Exit(1)
	}
}

type gen struct {
	root string
	err  error
}

// write creates the file name (a slash path under the root) with mode,
// filled through a 1 MiB buffer; the first error sticks.
func (g *gen) write(name string, mode os.FileMode, fill func(w *bufio.Writer)) {
	if g.err != nil {
		return
	}
	g.err = testtree.File(g.root, name, mode, func(f io.Writer) error {
		w := bufio.NewWriterSize(f, 1<<20)
		fill(w)
		return w.Flush()
	})
}

func (g *gen) text(name, s string) {
	g.write(name, 0o644, func(w *bufio.Writer) { w.WriteString(s) })
}

const buildspec = `version: 0.2
env:
  variables:
    AWS_REGION_NAME: ap-northeast-1
    REGISTRY: 123456789012.dkr.ecr.ap-northeast-1.amazonaws.com
phases:
  pre_build:
    commands:
      - aws ecr get-login-password --region "$AWS_REGION_NAME" | docker login --username AWS --password-stdin "$REGISTRY"
      - IMAGE_TAG="$(cat REVISION)"
  build:
    commands:
      - docker build -t "$REGISTRY/sample-nginx:$IMAGE_TAG" nginx
      - docker build -t "$REGISTRY/sample-app:$IMAGE_TAG" -f app/Dockerfile app
  post_build:
    commands:
      - docker push "$REGISTRY/sample-nginx:$IMAGE_TAG"
      - docker push "$REGISTRY/sample-app:$IMAGE_TAG"
      - mkdir -p out/nginx out/app
      - printf '{"ImageURI":"%s"}' "$REGISTRY/sample-nginx:$IMAGE_TAG" > out/nginx/imageDetail.json
      - printf '{"ImageURI":"%s"}' "$REGISTRY/sample-app:$IMAGE_TAG" > out/app/imageDetail.json
artifacts:
  files:
    - appspec.yaml
    - taskdef.json
  secondary-artifacts:
    BuildArtifact:
      files:
        - appspec.yaml
        - taskdef.json
    ImageNginx:
      base-directory: out/nginx
      files:
        - imageDetail.json
    ImageApp:
      base-directory: out/app
      files:
        - imageDetail.json
`

const appspec = `version: 0.0
Resources:
  - TargetService:
      Type: AWS::ECS::Service
      Properties:
        TaskDefinition: <TASK_DEFINITION>
        LoadBalancerInfo:
          ContainerName: nginx
          ContainerPort: 80
        CapacityProviderStrategy:
          - CapacityProvider: sample-ec2-cp
            Base: 0
            Weight: 1
`

const taskdef = `{
  "family": "sample",
  "networkMode": "awsvpc",
  "requiresCompatibilities": ["EC2"],
  "executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
  "containerDefinitions": [
    {
      "name": "nginx",
      "image": "<IMAGE1_NAME>",
      "essential": true,
      "memory": 128,
      "portMappings": [{"containerPort": 80, "protocol": "tcp"}],
      "dependsOn": [{"containerName": "app", "condition": "START"}]
    },
    {
      "name": "app",
      "image": "<IMAGE2_NAME>",
      "essential": true,
      "memory": 768,
      "portMappings": [{"containerPort": 8080, "protocol": "tcp"}]
    }
  ]
}
`

func (g *gen) specs() {
	g.text("buildspec.yml", buildspec)
	g.text("appspec.yaml", appspec)
	g.text("taskdef.json", taskdef)
	g.text("REVISION", "12345\n")
	g.text("nginx/Dockerfile", "FROM public.ecr.aws/docker/library/nginx:1.25-alpine\nCOPY default.conf /etc/nginx/conf.d/default.conf\nCOPY html/ /usr/share/nginx/html/\n")
	g.text("nginx/default.conf", "server {\n  listen 80;\n  location /static/ { root /usr/share/nginx/html; }\n  location / { proxy_pass http://localhost:8080; }\n}\n")
	g.text("app/Dockerfile", "FROM public.ecr.aws/docker/library/eclipse-temurin:17-jre\nCOPY build/libs/app-0.jar /app.jar\nENTRYPOINT [\"java\", \"-jar\", \"/app.jar\"]\n")
	g.write("app/gradlew", 0o755, func(w *bufio.Writer) {
		w.WriteString("#!/bin/sh\nexec java -jar gradle/wrapper/gradle-wrapper.jar \"$@\"\n")
	})
	g.text("app/build.gradle", "plugins { id 'org.springframework.boot' version '3.2.0' }\n")
	g.write("scripts/deploy.sh", 0o755, func(w *bufio.Writer) {
		w.WriteString("#!/bin/sh\nset -eu\naws s3 cp application.zip s3://test-bucket-source/application.zip\n")
	})
}

var words = strings.Fields(`public private protected static final class interface void int long String List Map
return new this if else for while try catch throw throws import package extends implements Override Autowired
Service Repository Controller RequestMapping GetMapping PostMapping ResponseEntity Optional stream filter map
collect Collectors toList customer order invoice payment account user repository service controller request
response status created updated deleted value name id amount total price quantity item items result error`)

// javaSource writes a plausible Java file of about size bytes.
func javaSource(w io.Writer, r *rand.Rand, pkg, class string, size int) {
	fmt.Fprintf(w, "package com.example.sample.%s;\n\nimport java.util.List;\nimport java.util.Map;\nimport org.springframework.stereotype.Service;\n\n", pkg)
	fmt.Fprintf(w, "/** Generated %s for the bgspec pack benchmark. */\n@Service\npublic class %s {\n", class, class)
	n := 200
	for n < size {
		m := fmt.Sprintf("    public %s %s%d(%s %s, int n%d) {\n", words[r.IntN(len(words))], words[r.IntN(len(words))], r.IntN(1000),
			words[r.IntN(len(words))], words[r.IntN(len(words))], r.IntN(100))
		for range 3 + r.IntN(6) {
			m += "        " + words[r.IntN(len(words))] + "." + words[r.IntN(len(words))] + "(" + words[r.IntN(len(words))] + ", " + fmt.Sprint(r.IntN(100000)) + ");\n"
		}
		m += "        return null;\n    }\n\n"
		io.WriteString(w, m)
		n += len(m)
	}
	io.WriteString(w, "}\n")
}

func randBytes(r *rand.Rand, b []byte) {
	for i := 0; i+8 <= len(b); i += 8 {
		v := r.Uint64()
		for j := range 8 {
			b[i+j] = byte(v >> (8 * j))
		}
	}
}

func (g *gen) module(m int) {
	r := rand.New(rand.NewPCG(uint64(m)+1, 0x5eed))
	mod := "app"
	if m > 0 {
		mod = fmt.Sprintf("app%d", m+1)
	}
	// The application jar: ~40 MB of deflated class-like entries.
	g.write(fmt.Sprintf("app/build/libs/app-%d.jar", m), 0o644, func(w *bufio.Writer) {
		zw := zip.NewWriter(w)
		zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, flate.BestSpeed) })
		buf := make([]byte, 24<<10)
		for i := 0; i < 1750; i++ {
			fw, _ := zw.Create(fmt.Sprintf("BOOT-INF/classes/com/example/%s/C%04d.class", mod, i))
			randBytes(r, buf)
			// Class files are not pure noise: some constant-pool text.
			for j := 0; j < len(buf)/8; j += 64 {
				copy(buf[j*8:], words[r.IntN(len(words))])
			}
			fw.Write(buf)
		}
		zw.Close()
	})
	// ~3,000 Java sources, ~8 KB each.
	for i := 0; i < 3000; i++ {
		pkg := fmt.Sprintf("%s.pkg%02d", strings.ReplaceAll(mod, "-", ""), i%40)
		class := fmt.Sprintf("Generated%04d", i)
		size := 4000 + r.IntN(8000)
		g.write(fmt.Sprintf("%s/src/main/java/com/example/sample/%s/%s.java", "app", strings.ReplaceAll(pkg, ".", "/"), class), 0o644,
			func(w *bufio.Writer) { javaSource(w, r, pkg, class, size) })
	}
	// A few hundred images (already compressed: noise behind a header).
	for i := 0; i < 300; i++ {
		ext, head := ".png", "\x89PNG\r\n\x1a\n"
		if i%3 == 1 {
			ext, head = ".jpg", "\xff\xd8\xff\xe0\x00\x10JFIF\x00"
		} else if i%3 == 2 {
			ext, head = ".gif", "GIF89a"
		}
		b := make([]byte, 40<<10+r.IntN(80<<10))
		randBytes(r, b)
		copy(b, head)
		g.write(fmt.Sprintf("nginx/html/static/%s/img%03d%s", mod, i, ext), 0o644, func(w *bufio.Writer) { w.Write(b) })
	}
	// Web resources and configuration (compressible text).
	for i := 0; i < 120; i++ {
		g.write(fmt.Sprintf("nginx/html/static/%s/js/module%03d.js", mod, i), 0o644, func(w *bufio.Writer) {
			for j := 0; j < 600; j++ {
				fmt.Fprintf(w, "export function %s%d(%s) { return %s.%s(%d); }\n", words[r.IntN(len(words))], j, words[r.IntN(len(words))],
					words[r.IntN(len(words))], words[r.IntN(len(words))], r.IntN(1000))
			}
		})
	}
	g.text(fmt.Sprintf("app/src/main/resources/application-%d.yml", m), "server:\n  port: 8080\nspring:\n  application:\n    name: sample\n")
}

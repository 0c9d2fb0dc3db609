package taskdef

import (
	"strings"
	"testing"
)

func TestParseImageRef(t *testing.T) {
	digest := "sha256:" + strings.Repeat("a1", 32)
	for _, tc := range []struct {
		in                          string
		registry, repo, tag, digest string
		domain, full                string
		ecr, ecrPublic              bool
		account, region             string
	}{
		{in: "nginx", repo: "nginx", domain: "docker.io", full: "library/nginx"},
		{in: "nginx:1.27-alpine", repo: "nginx", tag: "1.27-alpine", domain: "docker.io", full: "library/nginx"},
		{in: "bitnami/redis:7", repo: "bitnami/redis", tag: "7", domain: "docker.io", full: "bitnami/redis"},
		{in: "docker.io/library/nginx", registry: "docker.io", repo: "library/nginx", domain: "docker.io", full: "library/nginx"},
		{in: "localhost:5000/team/app/api:v2", registry: "localhost:5000", repo: "team/app/api", tag: "v2", domain: "localhost:5000", full: "team/app/api"},
		{in: "localhost/app", registry: "localhost", repo: "app", domain: "localhost", full: "app"},
		{in: "registry.example.com:8443/a/b@" + digest, registry: "registry.example.com:8443", repo: "a/b", digest: digest, domain: "registry.example.com:8443", full: "a/b"},
		{in: "app:1@" + digest, repo: "app", tag: "1", digest: digest, domain: "docker.io", full: "library/app"},
		{in: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/app:1.4.2", registry: "123456789012.dkr.ecr.eu-west-1.amazonaws.com", repo: "team/app", tag: "1.4.2",
			domain: "123456789012.dkr.ecr.eu-west-1.amazonaws.com", full: "team/app", ecr: true, account: "123456789012", region: "eu-west-1"},
		{in: "123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/app", registry: "123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn", repo: "app",
			domain: "123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn", full: "app", ecr: true, account: "123456789012", region: "cn-north-1"},
		{in: "public.ecr.aws/nginx/nginx:1.27", registry: "public.ecr.aws", repo: "nginx/nginx", tag: "1.27", domain: "public.ecr.aws", full: "nginx/nginx", ecrPublic: true},
	} {
		r, err := ParseImageRef(tc.in)
		if err != nil {
			t.Errorf("ParseImageRef(%q): %v", tc.in, err)
			continue
		}
		if r.Registry != tc.registry || r.Repository != tc.repo || r.Tag != tc.tag || r.Digest != tc.digest ||
			r.Domain() != tc.domain || r.FullRepository() != tc.full || r.ECR() != tc.ecr || r.ECRPublic() != tc.ecrPublic ||
			r.Account() != tc.account || r.Region() != tc.region {
			t.Errorf("ParseImageRef(%q) = %+v (domain %s, full %s, ecr %v/%v %s %s)", tc.in, r, r.Domain(), r.FullRepository(), r.ECR(), r.ECRPublic(), r.Account(), r.Region())
		}
		if r.String() != tc.in {
			t.Errorf("String() = %q, want %q", r.String(), tc.in)
		}
	}
	for _, bad := range []string{"", "nginx latest", "<IMAGE1_NAME>", "Nginx", "nginx:", "nginx:-x", "nginx@sha256:abc",
		"nginx@" + digest + "x", "a//b", "host:99999999/x", "/nginx", "nginx/", ":tag", "repo:tag:" + "x/y"} {
		if r, err := ParseImageRef(bad); err == nil {
			t.Errorf("ParseImageRef(%q) = %+v, want an error", bad, r)
		}
	}
}

func twoContainers() *TaskDefinition {
	td := AwsvpcTask("web", Container("web", "nginx:1.25"), Container("web-app", "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1@sha256:"+strings.Repeat("0", 64)))
	return &td
}

func TestSetImages(t *testing.T) {
	td := twoContainers()
	if err := SetImages(td, map[string]string{"web-app": "repo/app:2", "web": Image2Name}); err != nil {
		t.Fatal(err)
	}
	if td.ContainerDefinitions[0].Image != Image2Name || td.ContainerDefinitions[1].Image != "repo/app:2" {
		t.Errorf("SetImages: %+v", td.ContainerDefinitions)
	}
	for _, bad := range []map[string]string{
		{"web": "x:1", "we": "y:1"},   // unknown (a prefix of a real name)
		{"app": "x:1"},                // a repository name, not a container name
		{"web": "x:1", "web-app": ""}, // empty image
		{"web": "a b"},
	} {
		td := twoContainers()
		before, _ := Marshal(td)
		if err := SetImages(td, bad); err == nil {
			t.Errorf("SetImages(%v) succeeded", bad)
		}
		if after, _ := Marshal(td); string(after) != string(before) {
			t.Errorf("SetImages(%v) changed the task definition on error", bad)
		}
	}
	dup := AwsvpcTask("x", Container("a", "x"), Container("a", "y"))
	if err := SetImages(&dup, map[string]string{"a": "z"}); err == nil {
		t.Errorf("SetImages with an ambiguous name succeeded")
	}
	if err := SetImages(nil, map[string]string{"a": "z"}); err == nil {
		t.Errorf("SetImages(nil) succeeded")
	}
}

func TestSetTags(t *testing.T) {
	td := twoContainers()
	if err := SetTags(td, map[string]string{"web": "1.27", "web-app": "2.0.1"}); err != nil {
		t.Fatal(err)
	}
	if got := td.ContainerDefinitions[0].Image; got != "nginx:1.27" {
		t.Errorf("web image %q", got)
	}
	if got := td.ContainerDefinitions[1].Image; got != "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:2.0.1" {
		t.Errorf("web-app image %q (the digest must go, the repository stay)", got)
	}
	placeholder := AwsvpcTask("x", Container("a", Image1Name), Container("b", "nginx"))
	before, _ := Marshal(&placeholder)
	if err := SetTags(&placeholder, map[string]string{"b": "1", "a": "2"}); err == nil {
		t.Errorf("SetTags on a placeholder succeeded")
	}
	if err := SetTags(&placeholder, map[string]string{"b": "bad tag"}); err == nil {
		t.Errorf("SetTags with a bad tag succeeded")
	}
	if after, _ := Marshal(&placeholder); string(after) != string(before) {
		t.Errorf("SetTags changed the task definition on error")
	}
}

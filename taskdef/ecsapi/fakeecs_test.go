package ecsapi

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/google/go-cmp/cmp"
)

// fakeECS is a loopback stand-in for the ECS JSON 1.1 API, enough for
// RegisterTaskDefinition and DescribeTaskDefinition. It records each request
// body exactly as the SDK sent it and answers like ECS does: the registered
// definition comes back with the describe-only fields and the empty lists and
// zero container cpu that ECS fills in.
type fakeECS struct {
	t   testing.TB
	srv *httptest.Server

	mu       sync.Mutex
	bodies   map[string][]byte          // operation -> last request body
	defs     map[string]json.RawMessage // family -> describe taskDefinition
	tags     map[string]json.RawMessage // family -> tags
	revision int
}

const targetPrefix = "AmazonEC2ContainerServiceV20141113."

func newFakeECS(t testing.TB) *fakeECS {
	t.Helper()
	f := &fakeECS{t: t, bodies: map[string][]byte{}, defs: map[string]json.RawMessage{}, tags: map[string]json.RawMessage{}}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve)) // listens on 127.0.0.1
	t.Cleanup(f.srv.Close)
	return f
}

// client returns a real SDK client that talks only to the fake server.
func (f *fakeECS) client() *ecs.Client {
	return ecs.New(ecs.Options{
		Region:           "us-east-1",
		BaseEndpoint:     aws.String(f.srv.URL),
		Credentials:      aws.AnonymousCredentials{},
		HTTPClient:       bufferedClient{f.srv.Client()},
		RetryMaxAttempts: 1,
	})
}

// bufferedClient reads each response body completely before the SDK sees
// it. Reading straight from the connection, the SDK (ecs v1.105.1 with
// smithy-go v1.28.9) fails about one call in 100-2,500 on loopback with
// "deserialization failed, read tcp ...: use of closed network connection";
// net/http alone on the same server does not (3,000 of 3,000), and with the
// body buffered 6,000 of 6,000 SDK calls succeed. The request path, which is
// what these tests check, is unchanged.
type bufferedClient struct{ hc *http.Client }

func (b bufferedClient) Do(r *http.Request) (*http.Response, error) {
	resp, err := b.hc.Do(r)
	if err != nil {
		return nil, err
	}
	data, err := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	if err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(data))
	return resp, nil
}

// body returns the last request body the SDK sent for operation op.
func (f *fakeECS) body(op string) []byte {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.bodies[op]
}

func (f *fakeECS) serve(w http.ResponseWriter, r *http.Request) {
	op, ok := strings.CutPrefix(r.Header.Get("X-Amz-Target"), targetPrefix)
	b, err := io.ReadAll(r.Body)
	if r.Method != http.MethodPost || !ok || err != nil {
		f.fail(w, "UnsupportedOperation", fmt.Sprintf("%s %s target %q", r.Method, r.URL, r.Header.Get("X-Amz-Target")))
		return
	}
	if ct := r.Header.Get("Content-Type"); ct != "application/x-amz-json-1.1" {
		f.fail(w, "ClientException", "content type "+ct)
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.bodies[op] = b
	switch op {
	case "RegisterTaskDefinition":
		var in map[string]any
		if err := json.Unmarshal(b, &in); err != nil {
			f.fail(w, "ClientException", err.Error())
			return
		}
		family, _ := in["family"].(string)
		tags := in["tags"]
		delete(in, "tags")
		f.revision++
		td := describeLike(in, family, f.revision)
		f.defs[family] = mustJSON(f.t, td)
		resp := map[string]any{"taskDefinition": td}
		if tags != nil {
			f.tags[family] = mustJSON(f.t, tags)
			resp["tags"] = tags
		}
		f.reply(w, resp)
	case "DescribeTaskDefinition":
		var in struct {
			TaskDefinition string   `json:"taskDefinition"`
			Include        []string `json:"include"`
		}
		if err := json.Unmarshal(b, &in); err != nil {
			f.fail(w, "ClientException", err.Error())
			return
		}
		family, _, _ := strings.Cut(in.TaskDefinition, ":")
		td, ok := f.defs[family]
		if !ok {
			f.fail(w, "ClientException", "Unable to describe task definition.")
			return
		}
		resp := map[string]any{"taskDefinition": td}
		if len(in.Include) == 1 && in.Include[0] == "TAGS" && f.tags[family] != nil {
			resp["tags"] = f.tags[family]
		}
		f.reply(w, resp)
	default:
		f.fail(w, "UnsupportedOperation", op)
	}
}

// describeLike turns a register request into what DescribeTaskDefinition
// returns for it: the describe-only fields added, and the defaults ECS fills
// in (container cpu 0 and empty environment, mountPoints, volumesFrom; empty
// volumes and placementConstraints).
func describeLike(in map[string]any, family string, revision int) map[string]any {
	td := map[string]any{}
	for k, v := range in {
		td[k] = v
	}
	td["taskDefinitionArn"] = fmt.Sprintf("arn:aws:ecs:us-east-1:123456789012:task-definition/%s:%d", family, revision)
	td["revision"] = revision
	td["status"] = "ACTIVE"
	td["requiresAttributes"] = []any{
		map[string]any{"name": "com.amazonaws.ecs.capability.logging-driver.awslogs"},
		map[string]any{"name": "ecs.capability.task-eni", "targetType": "container", "value": "x"},
	}
	td["compatibilities"] = []any{"EC2", "FARGATE"}
	td["registeredAt"] = 1.7640864e9
	td["registeredBy"] = "arn:aws:iam::123456789012:role/deployer"
	for _, k := range []string{"volumes", "placementConstraints"} {
		if _, ok := td[k]; !ok {
			td[k] = []any{}
		}
	}
	if cs, ok := td["containerDefinitions"].([]any); ok {
		for _, c := range cs {
			m, ok := c.(map[string]any)
			if !ok {
				continue
			}
			if _, ok := m["cpu"]; !ok {
				m["cpu"] = 0
			}
			for _, k := range []string{"environment", "mountPoints", "volumesFrom"} {
				if _, ok := m[k]; !ok {
					m[k] = []any{}
				}
			}
		}
	}
	return td
}

func (f *fakeECS) reply(w http.ResponseWriter, v any) {
	b := mustJSON(f.t, v)
	w.Header().Set("Content-Type", "application/x-amz-json-1.1")
	// Like ECS, send a Content-Length (net/http would answer bodies over
	// 4 KiB chunked).
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	_, _ = w.Write(b)
}

func (f *fakeECS) fail(w http.ResponseWriter, code, msg string) {
	w.Header().Set("Content-Type", "application/x-amz-json-1.1")
	w.WriteHeader(http.StatusBadRequest)
	_, _ = fmt.Fprintf(w, `{"__type":%q,"message":%q}`, code, msg)
}

func mustJSON(t testing.TB, v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		t.Errorf("marshal: %v", err)
	}
	return b
}

// parseJSON decodes b keeping numbers as their literal text.
func parseJSON(t testing.TB, b []byte) any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("parse JSON: %v\n%s", err, b)
	}
	return v
}

// jsonDiff compares two JSON documents as values (object key order does not
// matter, array order does) and returns a readable diff, empty when equal.
func jsonDiff(t testing.TB, want, got []byte) string {
	t.Helper()
	return cmp.Diff(parseJSON(t, want), parseJSON(t, got))
}

// register sends in through the real SDK client and returns the wire body.
func (f *fakeECS) register(t testing.TB, in *ecs.RegisterTaskDefinitionInput) ([]byte, *ecs.RegisterTaskDefinitionOutput) {
	t.Helper()
	out, err := f.client().RegisterTaskDefinition(context.Background(), in)
	if err != nil {
		t.Fatalf("RegisterTaskDefinition: %v", err)
	}
	return f.body("RegisterTaskDefinition"), out
}

package taskdef

import (
	"reflect"
	"testing"

	"github.com/bgspec/bgspec/internal/source"
)

// checkDecode asserts that the generated decoder and source.Decode agree.
func checkDecode(t *testing.T, src []byte) {
	t.Helper()
	doc, _ := source.ParseJSON("f.json", src, source.Options{MaxBytes: 1 << 30})
	if doc.Value == nil {
		return
	}
	var gen, ref TaskDefinition
	decode(doc.Value, &gen)
	source.Decode(doc.Value, &ref)
	if !reflect.DeepEqual(gen, ref) {
		t.Fatalf("generated decode differs from source.Decode for\n%s\ngen %+v\nref %+v", src, gen, ref)
	}
}

func TestDecodeMatchesSourceDecode(t *testing.T) {
	docs := testDocs(t)
	// Every field with a value of the wrong type, null, and odd numbers.
	docs = append(docs, []byte(`{"family": 12, "cpu": 256, "memory": true, "networkMode": null, "enableFaultInjection": "yes",
		"containerDefinitions": [null, 5, {"name": ["x"], "cpu": "1", "memory": 1.5, "memoryReservation": 1e3, "essential": "true",
		"portMappings": [{"containerPort": 99999999999999999999, "hostPort": null}, "x", null], "links": [1, null, "a"],
		"dockerLabels": {"a": null, "b": 1, "c": {}, "d": "x"}, "linuxParameters": {"maxSwap": 0, "swappiness": "1"},
		"healthCheck": [], "logConfiguration": {"options": []}, "restartPolicy": {"ignoredExitCodes": [1, "2", null, 3.0]}}],
		"tags": {"key": "x"}, "volumes": [{"host": {}, "efsVolumeConfiguration": null}]}`))
	for _, d := range docs {
		checkDecode(t, d)
	}
}

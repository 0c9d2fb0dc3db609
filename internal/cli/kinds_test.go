package cli

import "testing"

// TestDetectKind: the file name decides the kind (each pattern README
// lists), else the content; an empty, unnamed file has none.
func TestDetectKind(t *testing.T) {
	for name, want := range map[string]string{
		"taskdef.json": "taskdef", "taskdef-prod.json": "taskdef", "web-task-definition.json": "taskdef",
		"web_task_definition.json": "taskdef", "WebTaskDefinition.json": "taskdef",
		"appspec.yaml": "appspec", "appspec-dev.yml": "appspec", "AppSpec.json": "appspec",
		"buildspec.yml": "buildspec", "buildspec_test.yaml": "buildspec",
		"codedeploy-action.json": "action",
	} {
		k := detectKind("dir/"+name, nil)
		if k == nil || k.name != want {
			t.Errorf("%s: kind %v, want %s", name, k, want)
		}
	}
	for src, want := range map[string]string{
		`{"family": "web", "containerDefinitions": []}`:                               "taskdef",
		"version: 0.0\nResources:\n  - TargetService: {}\n":                           "appspec",
		"version: 0.2\nphases:\n  build: {}\n":                                        "buildspec",
		`{"ApplicationName": "a", "TaskDefinitionTemplateArtifact": "BuildArtifact"}`: "action",
	} {
		k := detectKind("unnamed.txt", []byte(src))
		if k == nil || k.name != want {
			t.Errorf("content %q: kind %v, want %s", src, k, want)
		}
	}
	if k := detectKind("notes.txt", nil); k != nil {
		t.Errorf("empty notes.txt: kind %s", k.name)
	}
}

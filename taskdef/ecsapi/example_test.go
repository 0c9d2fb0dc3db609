package ecsapi_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"

	"github.com/bgspec/bgspec/taskdef"
	"github.com/bgspec/bgspec/taskdef/ecsapi"
)

// Register a taskdef.json with the SDK and read the answer back into the
// model. A stand-in for ECS on 127.0.0.1 echoes the definition the way ECS
// does, with revision, status and other describe-only fields added.
func Example() {
	src := []byte(`{
  "family": "web",
  "networkMode": "awsvpc",
  "containerDefinitions": [
    {
      "name": "app",
      "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1.4.2",
      "portMappings": [{"containerPort": 8080}],
      "essential": true
    }
  ],
  "requiresCompatibilities": ["FARGATE"],
  "cpu": "256",
  "memory": "512"
}`)
	td, _ := taskdef.Parse("taskdef.json", src)
	in, err := ecsapi.ToRegisterInput(td)
	if err != nil {
		fmt.Println(err)
		return
	}

	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var def map[string]any
		body, _ := io.ReadAll(r.Body)
		_ = json.Unmarshal(body, &def)
		def["taskDefinitionArn"] = "arn:aws:ecs:us-east-1:123456789012:task-definition/web:7"
		def["revision"] = 7
		def["status"] = "ACTIVE"
		def["compatibilities"] = []string{"EC2", "FARGATE"}
		w.Header().Set("Content-Type", "application/x-amz-json-1.1")
		_ = json.NewEncoder(w).Encode(map[string]any{"taskDefinition": def})
	}))
	defer srv.Close()

	client := ecs.New(ecs.Options{
		Region:           "us-east-1",
		BaseEndpoint:     aws.String(srv.URL),
		Credentials:      aws.AnonymousCredentials{},
		HTTPClient:       srv.Client(),
		RetryMaxAttempts: 1,
	})
	out, err := client.RegisterTaskDefinition(context.Background(), in)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(aws.ToString(out.TaskDefinition.TaskDefinitionArn))
	fmt.Println("dropped:", ecsapi.DroppedFields(out.TaskDefinition))

	back, _ := taskdef.Marshal(ecsapi.FromTaskDefinition(out.TaskDefinition))
	fmt.Print(string(back))
	// Output:
	// arn:aws:ecs:us-east-1:123456789012:task-definition/web:7
	// dropped: [/compatibilities /revision /status /taskDefinitionArn]
	// {
	//   "family": "web",
	//   "networkMode": "awsvpc",
	//   "containerDefinitions": [
	//     {
	//       "name": "app",
	//       "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1.4.2",
	//       "portMappings": [
	//         {
	//           "containerPort": 8080
	//         }
	//       ],
	//       "essential": true
	//     }
	//   ],
	//   "requiresCompatibilities": [
	//     "FARGATE"
	//   ],
	//   "cpu": "256",
	//   "memory": "512"
	// }
}

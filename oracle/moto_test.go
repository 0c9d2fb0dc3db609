//go:build oracle

package oracle

import (
	"bytes"
	"context"
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/codedeploy"
	cdtypes "github.com/aws/aws-sdk-go-v2/service/codedeploy/types"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/google/go-cmp/cmp"

	"github.com/bgspec/bgspec/taskdef"
	"github.com/bgspec/bgspec/taskdef/ecsapi"
)

// moto is the moto server shared by the package's tests. TestMain starts it
// before the other judges run, so that its start-up (seconds on a loaded
// machine) overlaps with them, and stops it after all tests, failed or not.
var moto struct {
	cmd   *exec.Cmd
	ep    string
	log   string
	ready chan struct{} // closed when ep answers, or err is set
	err   error
	done  chan struct{} // closed when the process has exited
}

func TestMain(m *testing.M) {
	code := func() int {
		dir, err := os.MkdirTemp("", "bgspec-oracle-moto-")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		defer os.RemoveAll(dir)
		startMoto(dir)
		defer stopMoto()
		return m.Run()
	}()
	os.Exit(code)
}

// startMoto starts `moto_server -H 127.0.0.1 -p <free port>` (through the
// Python that has moto, skipping the pyenv shims' start-up) in its own process
// group, with SIGKILL as its parent-death signal so that it cannot outlive a
// crashed test binary.
func startMoto(dir string) {
	moto.ready, moto.done = make(chan struct{}), make(chan struct{})
	fail := func(err error) { moto.err = err; close(moto.ready); close(moto.done) }
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fail(err)
		return
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	moto.log = filepath.Join(dir, "moto.log")
	logf, err := os.Create(moto.log)
	if err != nil {
		fail(err)
		return
	}
	args := []string{"-H", "127.0.0.1", "-p", fmt.Sprint(port)}
	name := "moto_server"
	if out, err := exec.Command("python3", "-c", "import sys, moto.server; print(sys.executable)").Output(); err == nil {
		name, args = strings.TrimSpace(string(out)), append([]string{"-m", "moto.server"}, args...)
	}
	moto.cmd = exec.Command(name, args...)
	moto.cmd.Stdout, moto.cmd.Stderr = logf, logf
	moto.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	if err := moto.cmd.Start(); err != nil {
		logf.Close()
		fail(fmt.Errorf("moto_server: %w", err))
		return
	}
	go func() { moto.cmd.Wait(); logf.Close(); close(moto.done) }()
	moto.ep = fmt.Sprintf("http://127.0.0.1:%d", port)
	go func() {
		defer close(moto.ready)
		start := time.Now()
		for {
			resp, err := http.Get(moto.ep + "/moto-api/")
			if err == nil {
				resp.Body.Close()
				fmt.Printf("   moto_server ready on %s after %v\n", moto.ep, time.Since(start).Round(time.Millisecond))
				return
			}
			select {
			case <-moto.done:
				moto.err = errors.New("moto_server exited before it was ready")
				return
			case <-time.After(100 * time.Millisecond):
			}
			if time.Since(start) > 2*time.Minute {
				moto.err = fmt.Errorf("moto_server not ready after 2 min: %v", err)
				return
			}
		}
	}()
}

// stopMoto stops the whole process group and waits for it.
func stopMoto() {
	if moto.cmd == nil || moto.cmd.Process == nil {
		return
	}
	syscall.Kill(-moto.cmd.Process.Pid, syscall.SIGTERM)
	select {
	case <-moto.done:
	case <-time.After(5 * time.Second):
		syscall.Kill(-moto.cmd.Process.Pid, syscall.SIGKILL)
		<-moto.done
	}
}

// motoEndpoint waits for the server and returns its URL; on failure, or when
// the test fails, it shows the server's log.
func motoEndpoint(t *testing.T) string {
	t.Helper()
	<-moto.ready
	t.Cleanup(func() {
		if t.Failed() {
			b, _ := os.ReadFile(moto.log)
			t.Logf("moto log (tail):\n%s", tail(b, 3000))
		}
	})
	if moto.err != nil {
		t.Fatal(moto.err)
	}
	return moto.ep
}

// awsConfig is an SDK config for moto: dummy static keys, one attempt, no
// shared config files read.
func awsConfig() aws.Config {
	return aws.Config{
		Region: "us-east-1",
		Credentials: aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
			return aws.Credentials{AccessKeyID: "x", SecretAccessKey: "x", Source: "oracle"}, nil
		}),
		RetryMaxAttempts: 1,
	}
}

// awsJSON calls a JSON-1.1 API directly. The Go SDK's CodeDeploy Get*/BatchGet*
// operations cannot read moto's responses (ISO-string timestamps), so the
// checks read through this instead. moto does not verify signatures; the
// credential scope in the header only routes the call to the service.
func awsJSON(t *testing.T, ep, service, target string, body any) map[string]any {
	t.Helper()
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest(http.MethodPost, ep+"/", bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/x-amz-json-1.1")
	req.Header.Set("X-Amz-Target", target)
	req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=x/20260101/us-east-1/"+service+"/aws4_request, SignedHeaders=host, Signature=0")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s: %v", target, err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("%s: HTTP %d: %s", target, resp.StatusCode, raw)
	}
	var out map[string]any
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatalf("%s: %v: %s", target, err, raw)
	}
	return out
}

// path reads a nested member of decoded JSON ("a.b.c").
func path(v any, p string) any {
	for _, k := range strings.Split(p, ".") {
		v = obj(v)[k]
	}
	return v
}

// TestMoto pushes the generated revision through the real aws-sdk-go-v2
// clients against a moto server on 127.0.0.1: ECS register + describe (and
// the described task definition cleaned back to the original), a CodeDeploy
// ECS application, deployment group and deployment carrying the generated
// appspec with its SHA-256, and application.zip uploaded to a versioned S3
// bucket and read back byte-identical. moto is a stub, not a validator
// (ORACLES.md §3): this proves the plumbing and the request shapes, not
// validity.
func TestMoto(t *testing.T) {
	ep := motoEndpoint(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cfg := awsConfig()
	rev := generatedRevision(t)

	// --- ECS: register the generated seed task definition (and every other
	// valid base the judges mutate), describe it, clean it, compare.
	ecsc := ecs.NewFromConfig(cfg, func(o *ecs.Options) { o.BaseEndpoint = aws.String(ep) })
	arn := roundTripECS(ctx, t, ep, ecsc, "gen:seed-revision", rev.Taskdef)
	rounds := 1
	for _, b := range baseTaskdefs(t) {
		roundTripECS(ctx, t, ep, ecsc, b.Name, b.Src)
		rounds++
	}

	// --- CodeDeploy: application, deployment group, deployment with AppSpecContent.
	cdc := codedeploy.NewFromConfig(cfg, func(o *codedeploy.Options) { o.BaseEndpoint = aws.String(ep) })
	const app, group, cluster, service = "AppECS-demo-web", "DgpECS-demo-web", "demo", "web"
	if _, err := ecsc.CreateCluster(ctx, &ecs.CreateClusterInput{ClusterName: aws.String(cluster)}); err != nil {
		t.Fatalf("CreateCluster: %v", err)
	}
	if _, err := ecsc.CreateService(ctx, &ecs.CreateServiceInput{
		Cluster: aws.String(cluster), ServiceName: aws.String(service), TaskDefinition: aws.String(arn),
		DesiredCount:         aws.Int32(1),
		DeploymentController: &ecstypes.DeploymentController{Type: ecstypes.DeploymentControllerTypeCodeDeploy},
	}); err != nil {
		t.Fatalf("CreateService: %v", err)
	}
	if _, err := cdc.CreateApplication(ctx, &codedeploy.CreateApplicationInput{
		ApplicationName: aws.String(app), ComputePlatform: cdtypes.ComputePlatformEcs}); err != nil {
		t.Fatalf("CreateApplication: %v", err)
	}
	if _, err := cdc.CreateDeploymentGroup(ctx, &codedeploy.CreateDeploymentGroupInput{
		ApplicationName:      aws.String(app),
		DeploymentGroupName:  aws.String(group),
		ServiceRoleArn:       aws.String("arn:aws:iam::123456789012:role/CodeDeployECS"),
		DeploymentConfigName: aws.String("CodeDeployDefault.ECSAllAtOnce"),
		DeploymentStyle: &cdtypes.DeploymentStyle{
			DeploymentType: cdtypes.DeploymentTypeBlueGreen, DeploymentOption: cdtypes.DeploymentOptionWithTrafficControl},
		BlueGreenDeploymentConfiguration: &cdtypes.BlueGreenDeploymentConfiguration{
			DeploymentReadyOption: &cdtypes.DeploymentReadyOption{ActionOnTimeout: cdtypes.DeploymentReadyActionContinueDeployment},
			TerminateBlueInstancesOnDeploymentSuccess: &cdtypes.BlueInstanceTerminationOption{
				Action: cdtypes.InstanceActionTerminate, TerminationWaitTimeInMinutes: 5},
		},
		EcsServices: []cdtypes.ECSService{{ClusterName: aws.String(cluster), ServiceName: aws.String(service)}},
		LoadBalancerInfo: &cdtypes.LoadBalancerInfo{TargetGroupPairInfoList: []cdtypes.TargetGroupPairInfo{{
			TargetGroups: []cdtypes.TargetGroupInfo{{Name: aws.String("demo-blue")}, {Name: aws.String("demo-green")}},
			ProdTrafficRoute: &cdtypes.TrafficRoute{ListenerArns: []string{
				"arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/demo/0123456789abcdef/0123456789abcdef"}},
		}}},
	}); err != nil {
		t.Fatalf("CreateDeploymentGroup: %v", err)
	}
	if g, err := cdc.GetDeploymentGroup(ctx, &codedeploy.GetDeploymentGroupInput{
		ApplicationName: aws.String(app), DeploymentGroupName: aws.String(group)}); err != nil {
		t.Errorf("GetDeploymentGroup: %v", err)
	} else if n := len(g.DeploymentGroupInfo.EcsServices); n != 1 {
		t.Errorf("deployment group has %d ECS services, want 1", n)
	}
	content := deployAppspec(t, rev.Appspec, arn)
	sum := sha256.Sum256(content)
	sha := hex.EncodeToString(sum[:])
	dep, err := cdc.CreateDeployment(ctx, &codedeploy.CreateDeploymentInput{
		ApplicationName: aws.String(app), DeploymentGroupName: aws.String(group),
		Revision: &cdtypes.RevisionLocation{
			RevisionType:   cdtypes.RevisionLocationTypeAppSpecContent,
			AppSpecContent: &cdtypes.AppSpecContent{Content: aws.String(string(content)), Sha256: aws.String(sha)},
		},
	})
	if err != nil {
		t.Fatalf("CreateDeployment: %v", err)
	}
	id := aws.ToString(dep.DeploymentId)
	list, err := cdc.ListDeployments(ctx, &codedeploy.ListDeploymentsInput{ApplicationName: aws.String(app), DeploymentGroupName: aws.String(group)})
	if err != nil {
		t.Fatalf("ListDeployments: %v", err)
	}
	if len(list.Deployments) != 1 || list.Deployments[0] != id {
		t.Errorf("ListDeployments = %v, want [%s]", list.Deployments, id)
	}
	got := awsJSON(t, ep, "codedeploy", "CodeDeploy_20141006.GetDeployment", map[string]any{"deploymentId": id})
	gotContent, _ := path(got, "deploymentInfo.revision.appSpecContent.content").(string)
	gotSHA, _ := path(got, "deploymentInfo.revision.appSpecContent.sha256").(string)
	if gotContent != string(content) {
		t.Errorf("stored AppSpecContent differs from the generated appspec:\n got %q\nwant %q", gotContent, content)
	}
	if s := sha256.Sum256([]byte(gotContent)); gotSHA != sha || hex.EncodeToString(s[:]) != gotSHA {
		t.Errorf("stored sha256 %q; want %q (the SHA-256 of the stored content)", gotSHA, sha)
	}
	if rt, _ := path(got, "deploymentInfo.revision.revisionType").(string); rt != "AppSpecContent" {
		t.Errorf("revisionType = %q, want AppSpecContent", rt)
	}

	// --- S3: application.zip into a versioned bucket, read back byte-identical.
	s3c := s3.NewFromConfig(cfg, func(o *s3.Options) {
		o.BaseEndpoint = aws.String(ep)
		o.UsePathStyle = true
	})
	const bucket, key = "demo-artifacts", "web/application.zip"
	if _, err := s3c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(bucket)}); err != nil {
		t.Fatalf("CreateBucket: %v", err)
	}
	if _, err := s3c.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: aws.String(bucket),
		VersioningConfiguration: &s3types.VersioningConfiguration{Status: s3types.BucketVersioningStatusEnabled}}); err != nil {
		t.Fatalf("PutBucketVersioning: %v", err)
	}
	zips := [][]byte{rev.Zip, rev.Zip2}
	var versions []string
	for i, z := range zips {
		put, err := s3c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String(key),
			Body: bytes.NewReader(z), ContentType: aws.String("application/zip")})
		if err != nil {
			t.Fatalf("PutObject #%d: %v", i+1, err)
		}
		if put.VersionId == nil || *put.VersionId == "" {
			t.Fatalf("PutObject #%d: no VersionId from a versioned bucket", i+1)
		}
		m := md5.Sum(z)
		if etag := strings.Trim(aws.ToString(put.ETag), `"`); etag != hex.EncodeToString(m[:]) {
			t.Errorf("PutObject #%d: ETag %s, want the MD5 %x", i+1, etag, m)
		}
		versions = append(versions, *put.VersionId)
	}
	if versions[0] == versions[1] {
		t.Errorf("two uploads got the same VersionId %s", versions[0])
	}
	for i, v := range versions {
		obj, err := s3c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String(key), VersionId: aws.String(v)})
		if err != nil {
			t.Fatalf("GetObject %s: %v", v, err)
		}
		b, err := io.ReadAll(obj.Body)
		obj.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(b, zips[i]) {
			t.Errorf("version %s: read back %d bytes, differs from the uploaded application.zip (%d bytes)", v, len(b), len(zips[i]))
		}
	}
	lv, err := s3c.ListObjectVersions(ctx, &s3.ListObjectVersionsInput{Bucket: aws.String(bucket), Prefix: aws.String(key)})
	if err != nil {
		t.Fatalf("ListObjectVersions: %v", err)
	}
	latest := ""
	for _, v := range lv.Versions {
		if aws.ToBool(v.IsLatest) {
			latest = aws.ToString(v.VersionId)
		}
	}
	if len(lv.Versions) != 2 || latest != versions[1] {
		t.Errorf("ListObjectVersions: %d versions, latest %q; want 2, latest %q", len(lv.Versions), latest, versions[1])
	}
	if t.Failed() {
		return
	}
	fmt.Printf("== moto: %d task definitions registered, described and cleaned back unchanged; seed %s; deployment %s (AppSpecContent %d bytes, sha256 %s…); application.zip %d bytes × 2 versions read back identical\n",
		rounds, arn, id, len(content), sha[:12], len(rev.Zip))
}

// roundTripECS registers a task definition through the SDK (ecsapi), reads
// it back both through the SDK types (ecsapi.FromDescribeOutput) and as the
// describe-task-definition JSON run through bgspec's clean, and requires both
// to equal the original. It returns the registered ARN.
func roundTripECS(ctx context.Context, t *testing.T, ep string, ecsc *ecs.Client, name string, src []byte) string {
	t.Helper()
	td, ds := taskdef.Parse("taskdef.json", src)
	if ds.HasErrors() {
		t.Fatalf("%s: has errors:\n%v", name, ds)
	}
	in, err := ecsapi.ToRegisterInput(td)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	reg, err := ecsc.RegisterTaskDefinition(ctx, in)
	if err != nil {
		t.Fatalf("%s: RegisterTaskDefinition: %v", name, err)
	}
	arn := aws.ToString(reg.TaskDefinition.TaskDefinitionArn)
	t.Logf("%s: registered %s", name, arn)
	desc, err := ecsc.DescribeTaskDefinition(ctx, &ecs.DescribeTaskDefinitionInput{
		TaskDefinition: aws.String(arn), Include: []ecstypes.TaskDefinitionField{ecstypes.TaskDefinitionFieldTags}})
	if err != nil {
		t.Fatalf("%s: DescribeTaskDefinition: %v", name, err)
	}
	// ECS (and moto) return "essential": true for a container that leaves it
	// unset (nil means true, SPEC): compare against the original with that
	// default filled in.
	defaults := *td
	defaults.ContainerDefinitions = append([]taskdef.ContainerDefinition(nil), td.ContainerDefinitions...)
	for i := range defaults.ContainerDefinitions {
		if defaults.ContainerDefinitions[i].Essential == nil {
			defaults.ContainerDefinitions[i].Essential = taskdef.Ptr(true)
		}
	}
	want, err := taskdef.Marshal(&defaults)
	if err != nil {
		t.Fatal(err)
	}
	// (a) through the SDK types: ecsapi.FromDescribeOutput.
	back, err := taskdef.Marshal(ecsapi.FromDescribeOutput(desc))
	if err != nil {
		t.Fatal(err)
	}
	if d := jsonDiff(t, want, back); d != "" {
		t.Errorf("%s: ECS register → describe → ecsapi.FromDescribeOutput differs from the original (-want +got):\n%s", name, d)
	}
	// (b) the describe-task-definition JSON (what `aws ecs describe-task-definition`
	// prints) through bgspec's clean.
	raw := awsJSON(t, ep, "ecs", "AmazonEC2ContainerServiceV20141113.DescribeTaskDefinition",
		map[string]any{"taskDefinition": arn, "include": []string{"TAGS"}})
	rawJSON, _ := json.MarshalIndent(raw, "", "  ")
	cleaned := cleanDescribeOutput(t, rawJSON)
	if d := jsonDiff(t, want, cleaned); d != "" {
		t.Errorf("%s: describe-task-definition output → clean differs from the original (-want +got):\n%s", name, d)
	}
	if ds := taskdef.Validate("taskdef.json", cleaned); ds.HasErrors() {
		t.Errorf("%s: cleaned describe output does not validate:\n%v", name, ds)
	}
	return arn
}

// jsonDiff compares two JSON documents by value ("" when equal).
func jsonDiff(t *testing.T, want, got []byte) string {
	t.Helper()
	w, err := decode(want)
	if err != nil {
		t.Fatalf("want: %v", err)
	}
	g, err := decode(got)
	if err != nil {
		t.Fatalf("got: %v\n%s", err, got)
	}
	return cmp.Diff(w, g)
}

var _ = errors.New

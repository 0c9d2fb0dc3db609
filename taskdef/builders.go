package taskdef

// Builders are small constructors that return plain values: no hidden
// defaults beyond what their doc says, no errors. Combine them with struct
// literals and field assignments:
//
//	app := taskdef.Container("app", taskdef.Image1Name)
//	app.PortMappings = []taskdef.PortMapping{taskdef.Port(8080)}
//	td := taskdef.FargateTask("web", "512", "1024", app)

// AwsvpcTask returns a task definition with networkMode awsvpc and the given
// containers. It sets no launch type, cpu or memory.
func AwsvpcTask(family string, containers ...ContainerDefinition) TaskDefinition {
	return TaskDefinition{Family: family, NetworkMode: NetworkModeAwsvpc, ContainerDefinitions: containers}
}

// FargateTask returns an awsvpc task definition that requires FARGATE, with
// task cpu and memory as ECS writes them ("256", "512"; see SPEC C.4 for the
// valid pairs).
func FargateTask(family, cpu, memory string, containers ...ContainerDefinition) TaskDefinition {
	td := AwsvpcTask(family, containers...)
	td.RequiresCompatibilities = []Compatibility{CompatibilityFargate}
	td.Cpu, td.Memory = cpu, memory
	return td
}

// Container returns a container with a name and an image (or a placeholder
// such as Image1Name). Essential is left nil, which ECS reads as true.
func Container(name, image string) ContainerDefinition {
	return ContainerDefinition{Name: name, Image: image}
}

// Port returns a tcp port mapping for containerPort port, without hostPort
// (right for awsvpc; in bridge mode it means a dynamic host port).
func Port(port int) PortMapping {
	return PortMapping{ContainerPort: port, Protocol: ProtocolTCP}
}

// NamedPort returns Port(port) with a Service Connect name and application
// protocol.
func NamedPort(name string, port int, app ApplicationProtocol) PortMapping {
	p := Port(port)
	p.Name, p.AppProtocol = name, app
	return p
}

// AwsLogs returns an awslogs log configuration for a log group, Region and
// stream prefix (the prefix is required on Fargate).
func AwsLogs(group, region, prefix string) *LogConfiguration {
	return &LogConfiguration{LogDriver: LogDriverAwslogs, Options: map[string]string{
		"awslogs-group":         group,
		"awslogs-region":        region,
		"awslogs-stream-prefix": prefix,
	}}
}

// HealthCheckShell returns a health check running cmd with the container's
// shell (["CMD-SHELL", cmd]), with ECS's default timings.
func HealthCheckShell(cmd string) *HealthCheck {
	return &HealthCheck{Command: []string{"CMD-SHELL", cmd}}
}

// HealthCheckCmd returns a health check executing args directly
// (["CMD", args...]), with ECS's default timings.
func HealthCheckCmd(args ...string) *HealthCheck {
	return &HealthCheck{Command: append([]string{"CMD"}, args...)}
}

// DependsOn returns a start-up dependency on container name.
func DependsOn(name string, condition ContainerCondition) ContainerDependency {
	return ContainerDependency{ContainerName: name, Condition: condition}
}

// Env returns an environment variable. Use secrets for secret values.
func Env(name, value string) KeyValuePair {
	return KeyValuePair{Name: name, Value: value}
}

// SecretFromSSM returns a secret environment variable read from an SSM
// parameter: its ARN, or its name when it is in the task's Region.
func SecretFromSSM(name, parameter string) Secret {
	return Secret{Name: name, ValueFrom: parameter}
}

// SecretFromSecretsManager returns a secret environment variable read from a
// Secrets Manager secret ARN, optionally followed by
// ":json-key:version-stage:version-id".
func SecretFromSecretsManager(name, secretARN string) Secret {
	return Secret{Name: name, ValueFrom: secretARN}
}

// Ptr returns a pointer to v, for tri-state fields such as Essential or
// HostPort: Essential: taskdef.Ptr(false).
func Ptr[T any](v T) *T { return &v }

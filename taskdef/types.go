package taskdef

// TaskDefinition is the input of ECS RegisterTaskDefinition, the document
// CodePipeline's CodeDeployToECS action reads as taskdef.json. Fields follow
// the botocore ECS model (ecs 2014-11-13) in the model's order.
type TaskDefinition struct {
	// Family names the task definition; ^[A-Za-z0-9_-]{1,255}$.
	Family string `json:"family,omitempty"`
	// TaskRoleArn is the IAM role the containers assume.
	TaskRoleArn string `json:"taskRoleArn,omitempty"`
	// ExecutionRoleArn is the ARN of the role ECS uses to pull private
	// images, write awslogs and resolve secrets (a full ARN: unlike
	// TaskRoleArn, the API reference documents no short name here).
	ExecutionRoleArn string `json:"executionRoleArn,omitempty"`
	// NetworkMode is bridge (the EC2 Linux default), host, awsvpc or none.
	NetworkMode NetworkMode `json:"networkMode,omitempty"`
	// ContainerDefinitions holds 1 to 10 containers.
	ContainerDefinitions []ContainerDefinition `json:"containerDefinitions,omitempty"`
	// Volumes the containers can mount.
	Volumes []Volume `json:"volumes,omitempty"`
	// PlacementConstraints (memberOf only; not on Fargate).
	PlacementConstraints []PlacementConstraint `json:"placementConstraints,omitempty"`
	// RequiresCompatibilities lists the launch types to validate against.
	RequiresCompatibilities []Compatibility `json:"requiresCompatibilities,omitempty"`
	// Cpu is the task CPU as a string: units ("256") or "1 vCPU".
	Cpu string `json:"cpu,omitempty"`
	// Memory is the task memory as a string: MiB ("512") or "2 GB".
	Memory string `json:"memory,omitempty"`
	// Tags (at most 50).
	Tags []Tag `json:"tags,omitempty"`
	// PidMode is host or task.
	PidMode PidMode `json:"pidMode,omitempty"`
	// IpcMode is host, task or none.
	IpcMode IpcMode `json:"ipcMode,omitempty"`
	// ProxyConfiguration configures an App Mesh proxy.
	ProxyConfiguration *ProxyConfiguration `json:"proxyConfiguration,omitempty"`
	// InferenceAccelerators (Elastic Inference).
	InferenceAccelerators []InferenceAccelerator `json:"inferenceAccelerators,omitempty"`
	// EphemeralStorage sets the Fargate ephemeral storage size.
	EphemeralStorage *EphemeralStorage `json:"ephemeralStorage,omitempty"`
	// RuntimePlatform sets the OS family and CPU architecture.
	RuntimePlatform *RuntimePlatform `json:"runtimePlatform,omitempty"`
	// EnableFaultInjection turns on fault injection (default false).
	EnableFaultInjection *bool `json:"enableFaultInjection,omitempty"`
	// TrustedExecutionConfiguration isolates the task in a Nitro sandbox
	// (ECS Managed Instances only). Newer than the botocore 1.43.11 model;
	// from the ECS model of aws-sdk-go-v2/service/ecs v1.105.1.
	TrustedExecutionConfiguration *TrustedExecutionConfiguration `json:"trustedExecutionConfiguration,omitempty"`
}

// TrustedExecutionConfiguration sets how a task is isolated from the other
// tasks on its instance (ECS Managed Instances only).
type TrustedExecutionConfiguration struct {
	// IsolationMode is SHARED (the default), ISOLATED_SANDBOX or
	// CONFIDENTIAL_SANDBOX; required.
	IsolationMode IsolationMode `json:"isolationMode"`
	// AttestationPolicy is the base64-encoded attestation policy envelope;
	// required with CONFIDENTIAL_SANDBOX.
	AttestationPolicy string `json:"attestationPolicy,omitempty"`
}

// ContainerDefinition is one container of a task definition.
type ContainerDefinition struct {
	// Name is unique in the task; ^[A-Za-z0-9_-]{1,255}$.
	Name string `json:"name,omitempty"`
	// Image is the image reference, or a placeholder such as <IMAGE1_NAME>.
	Image string `json:"image,omitempty"`
	// RepositoryCredentials for a private registry other than ECR.
	RepositoryCredentials *RepositoryCredentials `json:"repositoryCredentials,omitempty"`
	// Cpu is the container's CPU units.
	Cpu int `json:"cpu,omitempty"`
	// Memory is the hard memory limit in MiB.
	Memory int `json:"memory,omitempty"`
	// MemoryReservation is the soft memory limit in MiB.
	MemoryReservation int `json:"memoryReservation,omitempty"`
	// Links ("name:alias"; bridge mode only).
	Links []string `json:"links,omitempty"`
	// PortMappings the container exposes.
	PortMappings []PortMapping `json:"portMappings,omitempty"`
	// Essential stops the task when this container stops; nil means true.
	Essential *bool `json:"essential,omitempty"`
	// RestartPolicy restarts the container in place.
	RestartPolicy *ContainerRestartPolicy `json:"restartPolicy,omitempty"`
	// EntryPoint overrides the image entry point.
	EntryPoint []string `json:"entryPoint,omitempty"`
	// Command overrides the image command.
	Command []string `json:"command,omitempty"`
	// Environment holds plain-text variables; use Secrets for secrets.
	Environment []KeyValuePair `json:"environment,omitempty"`
	// EnvironmentFiles are S3 .env files (at most 10).
	EnvironmentFiles []EnvironmentFile `json:"environmentFiles,omitempty"`
	// MountPoints mount task volumes.
	MountPoints []MountPoint `json:"mountPoints,omitempty"`
	// VolumesFrom mounts another container's volumes.
	VolumesFrom []VolumeFrom `json:"volumesFrom,omitempty"`
	// LinuxParameters are Linux-specific options.
	LinuxParameters *LinuxParameters `json:"linuxParameters,omitempty"`
	// Secrets are environment variables resolved from SSM or Secrets Manager.
	Secrets []Secret `json:"secrets,omitempty"`
	// DependsOn orders container start-up.
	DependsOn []ContainerDependency `json:"dependsOn,omitempty"`
	// StartTimeout in seconds for dependency resolution; nil leaves it
	// unset (no per-container timeout), while 0 is written as 0.
	StartTimeout *int `json:"startTimeout,omitempty"`
	// StopTimeout in seconds before the container is killed; nil means the
	// default (30 s on Fargate, ECS_CONTAINER_STOP_TIMEOUT on EC2), while 0
	// is written as 0 (kill at once).
	StopTimeout *int `json:"stopTimeout,omitempty"`
	// VersionConsistency is enabled (resolve tag to digest) or disabled.
	VersionConsistency VersionConsistency `json:"versionConsistency,omitempty"`
	// Hostname (not with awsvpc).
	Hostname string `json:"hostname,omitempty"`
	// User to run as.
	User string `json:"user,omitempty"`
	// WorkingDirectory of the command.
	WorkingDirectory string `json:"workingDirectory,omitempty"`
	// DisableNetworking turns networking off.
	DisableNetworking bool `json:"disableNetworking,omitempty"`
	// Privileged gives root on the host (not on Fargate).
	Privileged bool `json:"privileged,omitempty"`
	// ReadonlyRootFilesystem mounts the root file system read-only.
	ReadonlyRootFilesystem bool `json:"readonlyRootFilesystem,omitempty"`
	// DnsServers for the container.
	DnsServers []string `json:"dnsServers,omitempty"`
	// DnsSearchDomains for the container.
	DnsSearchDomains []string `json:"dnsSearchDomains,omitempty"`
	// ExtraHosts adds /etc/hosts entries (not with awsvpc).
	ExtraHosts []HostEntry `json:"extraHosts,omitempty"`
	// DockerSecurityOptions (not on Fargate).
	DockerSecurityOptions []string `json:"dockerSecurityOptions,omitempty"`
	// Interactive keeps stdin open.
	Interactive bool `json:"interactive,omitempty"`
	// PseudoTerminal allocates a TTY.
	PseudoTerminal bool `json:"pseudoTerminal,omitempty"`
	// DockerLabels are container labels.
	DockerLabels map[string]string `json:"dockerLabels,omitempty"`
	// Ulimits for the container.
	Ulimits []Ulimit `json:"ulimits,omitempty"`
	// LogConfiguration selects the log driver.
	LogConfiguration *LogConfiguration `json:"logConfiguration,omitempty"`
	// HealthCheck is the container health check.
	HealthCheck *HealthCheck `json:"healthCheck,omitempty"`
	// SystemControls are namespaced kernel parameters.
	SystemControls []SystemControl `json:"systemControls,omitempty"`
	// ResourceRequirements (GPU or InferenceAccelerator).
	ResourceRequirements []ResourceRequirement `json:"resourceRequirements,omitempty"`
	// FirelensConfiguration makes this container the FireLens log router.
	FirelensConfiguration *FirelensConfiguration `json:"firelensConfiguration,omitempty"`
	// CredentialSpecs (at most one) for Active Directory authentication.
	CredentialSpecs []string `json:"credentialSpecs,omitempty"`
}

// RepositoryCredentials names the Secrets Manager secret holding private
// registry credentials.
type RepositoryCredentials struct {
	// CredentialsParameter is the secret's ARN (or name in the same Region).
	CredentialsParameter string `json:"credentialsParameter"`
}

// PortMapping maps a container port.
type PortMapping struct {
	// ContainerPort is 1–65535.
	ContainerPort int `json:"containerPort,omitempty"`
	// HostPort must be omitted or equal ContainerPort with awsvpc and host
	// networking; 0 or nil means a dynamic port in bridge mode.
	HostPort *int `json:"hostPort,omitempty"`
	// Protocol is tcp (default) or udp.
	Protocol TransportProtocol `json:"protocol,omitempty"`
	// Name is needed for Service Connect; ^[a-z0-9_][a-z0-9_-]{0,63}$.
	Name string `json:"name,omitempty"`
	// AppProtocol is http, http2 or grpc (Service Connect only).
	AppProtocol ApplicationProtocol `json:"appProtocol,omitempty"`
	// ContainerPortRange is "start-end".
	ContainerPortRange string `json:"containerPortRange,omitempty"`
}

// ContainerRestartPolicy restarts a container in place when it exits.
type ContainerRestartPolicy struct {
	// Enabled turns the policy on.
	Enabled bool `json:"enabled"`
	// IgnoredExitCodes do not trigger a restart (at most 50).
	IgnoredExitCodes []int `json:"ignoredExitCodes,omitempty"`
	// RestartAttemptPeriod is 60–1800 seconds (default 300).
	RestartAttemptPeriod int `json:"restartAttemptPeriod,omitempty"`
}

// KeyValuePair is an environment variable or a proxy property. Value is
// always written, so an empty value survives.
type KeyValuePair struct {
	// Name of the variable.
	Name string `json:"name,omitempty"`
	// Value of the variable (plain text).
	Value string `json:"value"`
}

// EnvironmentFile is an S3 .env file.
type EnvironmentFile struct {
	// Value is the S3 object ARN.
	Value string `json:"value"`
	// Type is s3.
	Type EnvironmentFileType `json:"type"`
}

// MountPoint mounts a task volume into the container.
type MountPoint struct {
	// SourceVolume names a volumes[].name.
	SourceVolume string `json:"sourceVolume,omitempty"`
	// ContainerPath is where it is mounted.
	ContainerPath string `json:"containerPath,omitempty"`
	// ReadOnly mounts it read-only.
	ReadOnly bool `json:"readOnly,omitempty"`
}

// VolumeFrom mounts every volume of another container.
type VolumeFrom struct {
	// SourceContainer names another container of the task.
	SourceContainer string `json:"sourceContainer,omitempty"`
	// ReadOnly mounts them read-only.
	ReadOnly bool `json:"readOnly,omitempty"`
}

// LinuxParameters are Linux-specific container options.
type LinuxParameters struct {
	// Capabilities to add or drop.
	Capabilities *KernelCapabilities `json:"capabilities,omitempty"`
	// Devices exposed to the container (not on Fargate).
	Devices []Device `json:"devices,omitempty"`
	// InitProcessEnabled runs an init process as PID 1.
	InitProcessEnabled bool `json:"initProcessEnabled,omitempty"`
	// SharedMemorySize of /dev/shm in MiB (not on Fargate).
	SharedMemorySize int `json:"sharedMemorySize,omitempty"`
	// Tmpfs mounts.
	Tmpfs []Tmpfs `json:"tmpfs,omitempty"`
	// MaxSwap in MiB; 0 disables swap, nil leaves the default.
	MaxSwap *int `json:"maxSwap,omitempty"`
	// Swappiness is 0–100; nil leaves the default (60).
	Swappiness *int `json:"swappiness,omitempty"`
}

// KernelCapabilities adds or drops Linux capabilities.
type KernelCapabilities struct {
	// Add lists capabilities to add.
	Add []string `json:"add,omitempty"`
	// Drop lists capabilities to drop.
	Drop []string `json:"drop,omitempty"`
}

// Device exposes a host device.
type Device struct {
	// HostPath is the device on the host.
	HostPath string `json:"hostPath"`
	// ContainerPath is where it appears in the container.
	ContainerPath string `json:"containerPath,omitempty"`
	// Permissions are read, write and mknod.
	Permissions []DevicePermission `json:"permissions,omitempty"`
}

// Tmpfs is a tmpfs mount.
type Tmpfs struct {
	// ContainerPath is the mount point.
	ContainerPath string `json:"containerPath"`
	// Size in MiB.
	Size int `json:"size"`
	// MountOptions such as "noexec".
	MountOptions []string `json:"mountOptions,omitempty"`
}

// Secret is an environment variable (or log option) resolved at start-up
// from SSM Parameter Store or Secrets Manager.
type Secret struct {
	// Name of the variable.
	Name string `json:"name"`
	// ValueFrom is a Secrets Manager ARN, an SSM parameter ARN, or an SSM
	// parameter name in the same Region.
	ValueFrom string `json:"valueFrom"`
}

// ContainerDependency orders start-up: this container waits until
// ContainerName reaches Condition.
type ContainerDependency struct {
	// ContainerName names another container of the task.
	ContainerName string `json:"containerName"`
	// Condition is START, COMPLETE, SUCCESS or HEALTHY.
	Condition ContainerCondition `json:"condition"`
}

// HostEntry is an /etc/hosts line.
type HostEntry struct {
	// Hostname to resolve.
	Hostname string `json:"hostname"`
	// IpAddress it resolves to.
	IpAddress string `json:"ipAddress"`
}

// Ulimit is a resource limit.
type Ulimit struct {
	// Name of the limit.
	Name UlimitName `json:"name"`
	// SoftLimit value.
	SoftLimit int `json:"softLimit"`
	// HardLimit value.
	HardLimit int `json:"hardLimit"`
}

// LogConfiguration selects and configures the log driver.
type LogConfiguration struct {
	// LogDriver is required; Fargate supports awslogs, splunk and awsfirelens.
	LogDriver LogDriver `json:"logDriver"`
	// Options of the driver (all values are strings).
	Options map[string]string `json:"options,omitempty"`
	// SecretOptions are options resolved from secrets.
	SecretOptions []Secret `json:"secretOptions,omitempty"`
}

// HealthCheck is a container health check.
type HealthCheck struct {
	// Command starts with CMD or CMD-SHELL.
	Command []string `json:"command"`
	// Interval is 5–300 seconds (default 30).
	Interval int `json:"interval,omitempty"`
	// Timeout is 2–60 seconds (default 5).
	Timeout int `json:"timeout,omitempty"`
	// Retries is 1–10 (default 3).
	Retries int `json:"retries,omitempty"`
	// StartPeriod is 0–300 seconds (default off).
	StartPeriod int `json:"startPeriod,omitempty"`
}

// SystemControl is a namespaced kernel parameter.
type SystemControl struct {
	// Namespace such as net.ipv4.tcp_keepalive_time.
	Namespace string `json:"namespace,omitempty"`
	// Value of the parameter.
	Value string `json:"value,omitempty"`
}

// ResourceRequirement reserves GPUs, Neuron devices or an inference
// accelerator.
type ResourceRequirement struct {
	// Value is the GPU count (or "ALL"), "ALL" for NeuronDevice, or the
	// accelerator's deviceName. Required, except for a GPU with a
	// SharingStrategy, which takes the place of the count.
	Value string `json:"value,omitempty"`
	// Type is GPU, InferenceAccelerator or NeuronDevice.
	Type ResourceType `json:"type"`
	// SharingStrategy shares one GPU with other containers (type GPU only,
	// instead of Value).
	SharingStrategy *SharingStrategy `json:"sharingStrategy,omitempty"`
}

// SharingStrategy is how a container shares a GPU: a union, exactly one
// member is set.
type SharingStrategy struct {
	// NvidiaMps shares the GPU through NVIDIA Multi-Process Service.
	NvidiaMps *NvidiaMpsAllocation `json:"nvidiaMps,omitempty"`
}

// NvidiaMpsAllocation is a container's share of a GPU under NVIDIA MPS.
type NvidiaMpsAllocation struct {
	// Memory is the GPU memory in MiB; required.
	Memory int `json:"memory"`
	// MaxComputePercent caps the container's share of the GPU's compute
	// (CUDA_MPS_ACTIVE_THREAD_PERCENTAGE); nil leaves the MPS default, 100.
	MaxComputePercent *int `json:"maxComputePercent,omitempty"`
}

// FirelensConfiguration makes a container the FireLens log router.
type FirelensConfiguration struct {
	// Type is fluentd or fluentbit.
	Type FirelensConfigurationType `json:"type"`
	// Options of the router.
	Options map[string]string `json:"options,omitempty"`
}

// Volume is a task volume.
type Volume struct {
	// Name is referenced by mountPoints[].sourceVolume.
	Name string `json:"name,omitempty"`
	// Host is a bind mount (SourcePath not on Fargate).
	Host *HostVolumeProperties `json:"host,omitempty"`
	// DockerVolumeConfiguration is a Docker volume (not on Fargate).
	DockerVolumeConfiguration *DockerVolumeConfiguration `json:"dockerVolumeConfiguration,omitempty"`
	// EfsVolumeConfiguration is an EFS file system.
	EfsVolumeConfiguration *EFSVolumeConfiguration `json:"efsVolumeConfiguration,omitempty"`
	// S3filesVolumeConfiguration is an S3 Files file system.
	S3filesVolumeConfiguration *S3FilesVolumeConfiguration `json:"s3filesVolumeConfiguration,omitempty"`
	// FsxWindowsFileServerVolumeConfiguration is an FSx for Windows share.
	FsxWindowsFileServerVolumeConfiguration *FSxWindowsFileServerVolumeConfiguration `json:"fsxWindowsFileServerVolumeConfiguration,omitempty"`
	// ConfiguredAtLaunch defers the configuration to service creation.
	ConfiguredAtLaunch bool `json:"configuredAtLaunch,omitempty"`
}

// HostVolumeProperties is a bind mount; an empty SourcePath lets Docker
// choose the host path.
type HostVolumeProperties struct {
	// SourcePath on the host.
	SourcePath string `json:"sourcePath,omitempty"`
}

// DockerVolumeConfiguration is a Docker-managed volume.
type DockerVolumeConfiguration struct {
	// Scope is task or shared.
	Scope Scope `json:"scope,omitempty"`
	// Autoprovision creates a shared volume if missing.
	Autoprovision bool `json:"autoprovision,omitempty"`
	// Driver is the volume driver.
	Driver string `json:"driver,omitempty"`
	// DriverOpts for the driver.
	DriverOpts map[string]string `json:"driverOpts,omitempty"`
	// Labels on the volume.
	Labels map[string]string `json:"labels,omitempty"`
}

// EFSVolumeConfiguration mounts an EFS file system.
type EFSVolumeConfiguration struct {
	// FileSystemId is the EFS id.
	FileSystemId string `json:"fileSystemId"`
	// RootDirectory inside the file system.
	RootDirectory string `json:"rootDirectory,omitempty"`
	// TransitEncryption is ENABLED or DISABLED.
	TransitEncryption EFSTransitEncryption `json:"transitEncryption,omitempty"`
	// TransitEncryptionPort for the EFS mount helper.
	TransitEncryptionPort int `json:"transitEncryptionPort,omitempty"`
	// AuthorizationConfig selects the access point and IAM auth.
	AuthorizationConfig *EFSAuthorizationConfig `json:"authorizationConfig,omitempty"`
}

// EFSAuthorizationConfig is the EFS access point and IAM setting.
type EFSAuthorizationConfig struct {
	// AccessPointId of the EFS access point.
	AccessPointId string `json:"accessPointId,omitempty"`
	// Iam is ENABLED or DISABLED.
	Iam EFSAuthorizationConfigIAM `json:"iam,omitempty"`
}

// S3FilesVolumeConfiguration mounts an S3 Files file system.
type S3FilesVolumeConfiguration struct {
	// FileSystemArn of the file system.
	FileSystemArn string `json:"fileSystemArn"`
	// RootDirectory inside it.
	RootDirectory string `json:"rootDirectory,omitempty"`
	// TransitEncryptionPort for the mount.
	TransitEncryptionPort int `json:"transitEncryptionPort,omitempty"`
	// AccessPointArn of an access point.
	AccessPointArn string `json:"accessPointArn,omitempty"`
}

// FSxWindowsFileServerVolumeConfiguration mounts an FSx for Windows share.
type FSxWindowsFileServerVolumeConfiguration struct {
	// FileSystemId of the FSx file system.
	FileSystemId string `json:"fileSystemId"`
	// RootDirectory of the share.
	RootDirectory string `json:"rootDirectory"`
	// AuthorizationConfig holds the credentials.
	AuthorizationConfig *FSxWindowsFileServerAuthorizationConfig `json:"authorizationConfig,omitempty"`
}

// FSxWindowsFileServerAuthorizationConfig holds FSx credentials.
type FSxWindowsFileServerAuthorizationConfig struct {
	// CredentialsParameter is a Secrets Manager or SSM ARN.
	CredentialsParameter string `json:"credentialsParameter"`
	// Domain of the Active Directory.
	Domain string `json:"domain"`
}

// PlacementConstraint is a task placement constraint.
type PlacementConstraint struct {
	// Type is memberOf.
	Type PlacementConstraintType `json:"type,omitempty"`
	// Expression in the cluster query language.
	Expression string `json:"expression,omitempty"`
}

// ProxyConfiguration configures an App Mesh proxy container.
type ProxyConfiguration struct {
	// Type is APPMESH.
	Type ProxyConfigurationType `json:"type,omitempty"`
	// ContainerName names the proxy container.
	ContainerName string `json:"containerName"`
	// Properties of the proxy.
	Properties []KeyValuePair `json:"properties,omitempty"`
}

// InferenceAccelerator is an Elastic Inference accelerator.
type InferenceAccelerator struct {
	// DeviceName referenced by resourceRequirements.
	DeviceName string `json:"deviceName"`
	// DeviceType such as eia2.medium.
	DeviceType string `json:"deviceType"`
}

// EphemeralStorage sets the Fargate task storage size.
type EphemeralStorage struct {
	// SizeInGiB is 21–200.
	SizeInGiB int `json:"sizeInGiB"`
}

// RuntimePlatform sets the OS family and CPU architecture.
type RuntimePlatform struct {
	// CpuArchitecture is X86_64 or ARM64.
	CpuArchitecture CPUArchitecture `json:"cpuArchitecture,omitempty"`
	// OperatingSystemFamily is LINUX or a Windows Server edition.
	OperatingSystemFamily OSFamily `json:"operatingSystemFamily,omitempty"`
}

// Tag is a resource tag.
type Tag struct {
	// Key is 1–128 characters.
	Key string `json:"key,omitempty"`
	// Value is 0–256 characters; always written.
	Value string `json:"value"`
}

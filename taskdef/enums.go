package taskdef

// NetworkMode is the task's Docker networking mode.
type NetworkMode string

// Network modes.
const (
	NetworkModeBridge NetworkMode = "bridge"
	NetworkModeHost   NetworkMode = "host"
	NetworkModeAwsvpc NetworkMode = "awsvpc"
	NetworkModeNone   NetworkMode = "none"
)

// Compatibility is a launch type a task definition is validated against.
type Compatibility string

// Launch types.
const (
	CompatibilityEC2              Compatibility = "EC2"
	CompatibilityFargate          Compatibility = "FARGATE"
	CompatibilityExternal         Compatibility = "EXTERNAL"
	CompatibilityManagedInstances Compatibility = "MANAGED_INSTANCES"
)

// PidMode is the process namespace mode.
type PidMode string

// PID modes.
const (
	PidModeHost PidMode = "host"
	PidModeTask PidMode = "task"
)

// IpcMode is the IPC namespace mode.
type IpcMode string

// IPC modes.
const (
	IpcModeHost IpcMode = "host"
	IpcModeTask IpcMode = "task"
	IpcModeNone IpcMode = "none"
)

// TransportProtocol is a port mapping's protocol.
type TransportProtocol string

// Transport protocols.
const (
	ProtocolTCP TransportProtocol = "tcp"
	ProtocolUDP TransportProtocol = "udp"
)

// ApplicationProtocol is a port mapping's Service Connect protocol.
type ApplicationProtocol string

// Application protocols.
const (
	AppProtocolHTTP  ApplicationProtocol = "http"
	AppProtocolHTTP2 ApplicationProtocol = "http2"
	AppProtocolGRPC  ApplicationProtocol = "grpc"
)

// VersionConsistency says whether ECS resolves an image tag to a digest.
type VersionConsistency string

// Version consistency values.
const (
	VersionConsistencyEnabled  VersionConsistency = "enabled"
	VersionConsistencyDisabled VersionConsistency = "disabled"
)

// LogDriver is a container log driver.
type LogDriver string

// Log drivers.
const (
	LogDriverJSONFile    LogDriver = "json-file"
	LogDriverSyslog      LogDriver = "syslog"
	LogDriverJournald    LogDriver = "journald"
	LogDriverGelf        LogDriver = "gelf"
	LogDriverFluentd     LogDriver = "fluentd"
	LogDriverAwslogs     LogDriver = "awslogs"
	LogDriverSplunk      LogDriver = "splunk"
	LogDriverAwsfirelens LogDriver = "awsfirelens"
)

// ContainerCondition is the state a dependency must reach.
type ContainerCondition string

// Dependency conditions.
const (
	ConditionStart    ContainerCondition = "START"
	ConditionComplete ContainerCondition = "COMPLETE"
	ConditionSuccess  ContainerCondition = "SUCCESS"
	ConditionHealthy  ContainerCondition = "HEALTHY"
)

// DevicePermission is a device access right.
type DevicePermission string

// Device permissions.
const (
	DevicePermissionRead  DevicePermission = "read"
	DevicePermissionWrite DevicePermission = "write"
	DevicePermissionMknod DevicePermission = "mknod"
)

// UlimitName names a resource limit.
type UlimitName string

// Ulimit names.
const (
	UlimitCore       UlimitName = "core"
	UlimitCPU        UlimitName = "cpu"
	UlimitData       UlimitName = "data"
	UlimitFsize      UlimitName = "fsize"
	UlimitLocks      UlimitName = "locks"
	UlimitMemlock    UlimitName = "memlock"
	UlimitMsgqueue   UlimitName = "msgqueue"
	UlimitNice       UlimitName = "nice"
	UlimitNofile     UlimitName = "nofile"
	UlimitNproc      UlimitName = "nproc"
	UlimitRss        UlimitName = "rss"
	UlimitRtprio     UlimitName = "rtprio"
	UlimitRttime     UlimitName = "rttime"
	UlimitSigpending UlimitName = "sigpending"
	UlimitStack      UlimitName = "stack"
)

// ResourceType is a resource requirement's type.
type ResourceType string

// Resource types.
const (
	ResourceTypeGPU                  ResourceType = "GPU"
	ResourceTypeInferenceAccelerator ResourceType = "InferenceAccelerator"
	ResourceTypeNeuronDevice         ResourceType = "NeuronDevice"
)

// IsolationMode is a trusted execution configuration's isolation mode.
type IsolationMode string

// Isolation modes.
const (
	IsolationModeShared              IsolationMode = "SHARED"
	IsolationModeIsolatedSandbox     IsolationMode = "ISOLATED_SANDBOX"
	IsolationModeConfidentialSandbox IsolationMode = "CONFIDENTIAL_SANDBOX"
)

// FirelensConfigurationType is the FireLens router.
type FirelensConfigurationType string

// FireLens router types.
const (
	FirelensFluentd   FirelensConfigurationType = "fluentd"
	FirelensFluentbit FirelensConfigurationType = "fluentbit"
)

// Scope is a Docker volume's lifetime.
type Scope string

// Docker volume scopes.
const (
	ScopeTask   Scope = "task"
	ScopeShared Scope = "shared"
)

// EFSTransitEncryption turns EFS in-transit encryption on or off.
type EFSTransitEncryption string

// EFS transit encryption values.
const (
	EFSTransitEncryptionEnabled  EFSTransitEncryption = "ENABLED"
	EFSTransitEncryptionDisabled EFSTransitEncryption = "DISABLED"
)

// EFSAuthorizationConfigIAM turns EFS IAM authorization on or off.
type EFSAuthorizationConfigIAM string

// EFS IAM authorization values.
const (
	EFSIAMEnabled  EFSAuthorizationConfigIAM = "ENABLED"
	EFSIAMDisabled EFSAuthorizationConfigIAM = "DISABLED"
)

// PlacementConstraintType is a placement constraint's type.
type PlacementConstraintType string

// PlacementConstraintMemberOf is the only task-definition constraint type.
const PlacementConstraintMemberOf PlacementConstraintType = "memberOf"

// ProxyConfigurationType is a proxy configuration's type.
type ProxyConfigurationType string

// ProxyConfigurationAppMesh is the only proxy type.
const ProxyConfigurationAppMesh ProxyConfigurationType = "APPMESH"

// EnvironmentFileType is an environment file's type.
type EnvironmentFileType string

// EnvironmentFileS3 is the only environment file type.
const EnvironmentFileS3 EnvironmentFileType = "s3"

// CPUArchitecture is the runtime CPU architecture.
type CPUArchitecture string

// CPU architectures.
const (
	CPUArchitectureX86_64 CPUArchitecture = "X86_64"
	CPUArchitectureARM64  CPUArchitecture = "ARM64"
)

// OSFamily is the runtime operating system family.
type OSFamily string

// Operating system families.
const (
	OSFamilyWindowsServer2019Full OSFamily = "WINDOWS_SERVER_2019_FULL"
	OSFamilyWindowsServer2019Core OSFamily = "WINDOWS_SERVER_2019_CORE"
	OSFamilyWindowsServer2016Full OSFamily = "WINDOWS_SERVER_2016_FULL"
	OSFamilyWindowsServer2004Core OSFamily = "WINDOWS_SERVER_2004_CORE"
	OSFamilyWindowsServer2022Core OSFamily = "WINDOWS_SERVER_2022_CORE"
	OSFamilyWindowsServer2022Full OSFamily = "WINDOWS_SERVER_2022_FULL"
	OSFamilyWindowsServer2025Core OSFamily = "WINDOWS_SERVER_2025_CORE"
	OSFamilyWindowsServer2025Full OSFamily = "WINDOWS_SERVER_2025_FULL"
	OSFamilyWindowsServer20H2Core OSFamily = "WINDOWS_SERVER_20H2_CORE"
	OSFamilyLinux                 OSFamily = "LINUX"
)

// Image placeholders CodePipeline's CodeDeployToECS action replaces with the
// ImageURI of imageDetail.json in artifact Image<N>ArtifactName, when the
// action's Image<N>ContainerName is IMAGE<N>_NAME.
const (
	Image1Name = "<IMAGE1_NAME>"
	Image2Name = "<IMAGE2_NAME>"
	Image3Name = "<IMAGE3_NAME>"
	Image4Name = "<IMAGE4_NAME>"
)

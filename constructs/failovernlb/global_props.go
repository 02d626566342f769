package failovernlb

// Role is an endpoint's place in the Route 53 failover pair.
type Role string

// Roles.
const (
	// RolePrimary serves traffic while healthy: the active region.
	RolePrimary Role = "PRIMARY"
	// RoleSecondary takes over when the primary's health check fails.
	RoleSecondary Role = "SECONDARY"
)

// Endpoint is one region's regional part, as seen by the global part.
type Endpoint struct {
	// Region is the balancer's AWS region. Required.
	Region string
	// Role is RolePrimary for exactly one endpoint (the active region) and
	// RoleSecondary for the others. Route 53 allows one SECONDARY record per
	// name, so only the first secondary gets it; later secondaries get a
	// health check and an accelerator endpoint group, but no record.
	Role Role
	// Balancer is the region's regional part (a cross-stack reference when
	// it lives in another stack). Required.
	Balancer *Regional
}

// GlobalProps configures the global part: DNS failover and Global Accelerator.
type GlobalProps struct {
	// ZoneName is the hosted zone's domain, for example "example.com". Required.
	ZoneName string
	// ZoneId uses an existing hosted zone.
	// Default: a new public hosted zone named ZoneName.
	ZoneId string
	// RecordName is the label of the failover record under ZoneName.
	// Default: "api".
	RecordName string
	// Endpoints are the regional balancers, one per region. Required.
	Endpoints []Endpoint
	// HealthCheckIntervalSeconds is Route 53's request interval: 10 (fast,
	// billed extra) or 30.
	// Default: 10.
	HealthCheckIntervalSeconds int
	// HealthCheckFailureThreshold is how many consecutive failed checks mark
	// an endpoint unhealthy: 1-10.
	// Default: 3.
	HealthCheckFailureThreshold int
	// Accelerator configures the optional Global Accelerator.
	// Default: no accelerator.
	Accelerator Accelerator
	// RoutingControl switches the failover records to Route 53 ARC routing
	// controls (README, "Routing control").
	// Default: off; the records follow the TCP health checks.
	RoutingControl RoutingControl

	// AccountId is the 12-digit AWS account, named by the log bucket's key
	// policy. Default: looked up with data.aws_caller_identity (STS) when a
	// log bucket is created.
	AccountId string
}

// RoutingControl configures Route 53 Application Recovery Controller
// routing controls: failover by turning a region's control off through the
// cluster's data plane, with no control plane on the path.
type RoutingControl struct {
	// Enabled creates a control panel, one routing control per region, a
	// safety rule keeping at least one control on and a RECOVERY_CONTROL
	// health check per region, which the failover records then follow
	// instead of the TCP health checks. A cluster is billed by the hour.
	// Default: false.
	Enabled bool
	// Name names the cluster and control panel and prefixes the routing
	// controls ("<name>-<region>") and the safety rule (1-48 characters,
	// no whitespace).
	// Default: the construct id.
	Name string
	// ClusterArn puts the control panel on an existing cluster (one
	// cluster can serve many applications; each cluster is billed).
	// Default: a new cluster named Name.
	ClusterArn string
}

// Accelerator configures the optional Global Accelerator.
type Accelerator struct {
	// Enabled creates the accelerator, a TCP listener on the balancers'
	// ports and one endpoint group per region.
	// Default: false.
	Enabled bool
	// Name names the accelerator (1-64 letters, digits, hyphens).
	// Default: the construct id.
	Name string
	// FlowLogs writes flow logs to a new SSE-KMS encrypted bucket in the
	// global stack's region.
	// Default: false.
	FlowLogs bool
	// FlowLogsPrefix is the key prefix of the flow logs.
	// Default: "global-accelerator".
	FlowLogsPrefix string
	// DisableClientIPPreservation makes targets see Global Accelerator's
	// addresses instead of the clients'. GA cannot preserve client IPs for an
	// NLB with TLS listeners, so those endpoints require it.
	// Default: false (client IPs preserved).
	DisableClientIPPreservation bool
}

const (
	defaultRecordName       = "api"
	defaultR53Interval      = 10
	defaultFailureThreshold = 3
	defaultFlowLogsPrefix   = "global-accelerator"
)

func (p GlobalProps) withDefaults(id string) GlobalProps {
	if p.RecordName == "" {
		p.RecordName = defaultRecordName
	}
	if p.HealthCheckIntervalSeconds == 0 {
		p.HealthCheckIntervalSeconds = defaultR53Interval
	}
	if p.HealthCheckFailureThreshold == 0 {
		p.HealthCheckFailureThreshold = defaultFailureThreshold
	}
	if p.Accelerator.Name == "" {
		p.Accelerator.Name = id
	}
	if p.RoutingControl.Name == "" {
		p.RoutingControl.Name = id
	}
	if p.Accelerator.FlowLogs && p.Accelerator.FlowLogsPrefix == "" {
		p.Accelerator.FlowLogsPrefix = defaultFlowLogsPrefix
	}
	return p
}

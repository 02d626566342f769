package stacks

// DNS names the public record clients use and its Route 53 health checks
// (failovernlb.GlobalProps: defaults and rules are the construct's).
type DNS struct {
	// ZoneName is the hosted zone's domain, for example "example.com". Required.
	ZoneName string `yaml:"zoneName"`
	// ZoneID uses an existing hosted zone. Default: a new zone is created.
	ZoneID string `yaml:"zoneId"`
	// RecordName is the label of the failover record.
	// Default: failovernlb's ("api").
	RecordName string `yaml:"recordName"`
	// HealthCheckIntervalSeconds is Route 53's check interval, 10 or 30.
	// Default: failovernlb's (10).
	HealthCheckIntervalSeconds int `yaml:"healthCheckIntervalSeconds"`
	// HealthCheckFailureThreshold is 1-10 failed checks.
	// Default: failovernlb's (3).
	HealthCheckFailureThreshold int `yaml:"healthCheckFailureThreshold"`
	// RoutingControl moves the failover records onto Route 53 ARC routing
	// controls (failovernlb.RoutingControl; docs/runbook.md, "Fail over
	// traffic with routing controls"). Default: off.
	RoutingControl RoutingControl `yaml:"routingControl"`
}

// RoutingControl configures Route 53 ARC routing controls.
type RoutingControl struct {
	// Enabled creates the control panel, a routing control per region, a
	// safety rule and the health checks the records follow; a new cluster
	// too unless ClusterArn is set (billed by the hour). Default: false.
	Enabled bool `yaml:"enabled"`
	// Name names the ARC resources. Default: Config.App.
	Name string `yaml:"name"`
	// ClusterArn uses an existing cluster. Default: a new cluster.
	ClusterArn string `yaml:"clusterArn"`
}

// LoadBalancer configures the regional Network Load Balancers, the same
// settings in every region (failovernlb.Props: defaults and rules are the
// construct's; the defaults below are quoted from it).
type LoadBalancer struct {
	// Ports are the listener ports. Default: [443].
	Ports []int `yaml:"ports"`
	// Protocol is "TCP" or "TLS". Default: "TCP".
	Protocol string `yaml:"protocol"`
	// CertificateArns maps each region to its ACM certificate (certificates
	// are regional); required for every region when protocol is TLS.
	CertificateArns map[string]string `yaml:"certificateArns"`
	// TargetPort is the port the targets listen on. Default: the first port.
	TargetPort int `yaml:"targetPort"`
	// HealthCheck is the target group health check.
	HealthCheck LBHealthCheck `yaml:"healthCheck"`
	// AllowedCidrs may reach the listeners. Default: ["0.0.0.0/0"].
	AllowedCidrs []string `yaml:"allowedCidrs"`
	// DisableDeletionProtection lets destroy delete the NLBs (test configs).
	// Default: false (protected).
	DisableDeletionProtection bool `yaml:"disableDeletionProtection"`
	// DisableZonalShift opts the NLBs out of ARC zonal shift.
	// Default: false (zonal shift on; constructs/failovernlb/README.md).
	DisableZonalShift bool `yaml:"disableZonalShift"`
	// AccessLogs writes TLS access logs to an SSE-KMS bucket per region.
	// Default: false.
	AccessLogs bool `yaml:"accessLogs"`
}

// LBHealthCheck is the target group health check.
type LBHealthCheck struct {
	// Protocol is "TCP", "HTTP" or "HTTPS". Default: "TCP".
	Protocol string `yaml:"protocol"`
	// Port is probed on each target. Default: the target port.
	Port int `yaml:"port"`
	// Path is the HTTP(S) request path. Default: "/" for HTTP(S).
	Path string `yaml:"path"`
	// IntervalSeconds is 5-300. Default: 10.
	IntervalSeconds int `yaml:"intervalSeconds"`
	// HealthyThreshold is 2-10. Default: 3.
	HealthyThreshold int `yaml:"healthyThreshold"`
	// UnhealthyThreshold is 2-10. Default: 2.
	UnhealthyThreshold int `yaml:"unhealthyThreshold"`
}

// GlobalAccelerator configures the optional Global Accelerator.
type GlobalAccelerator struct {
	// Enabled creates the accelerator. Default: false.
	Enabled bool `yaml:"enabled"`
	// Name names the accelerator. Default: Config.App.
	Name string `yaml:"name"`
	// FlowLogs writes flow logs to an SSE-KMS bucket. Default: false.
	FlowLogs bool `yaml:"flowLogs"`
	// DisableClientIPPreservation makes targets see GA's addresses; required
	// with TLS listeners. Default: false (client IPs preserved).
	DisableClientIPPreservation bool `yaml:"disableClientIpPreservation"`
}

package failovernlb

import "github.com/multiregion-iac/multiregion/constructs/network"

// Protocol is a listener protocol.
type Protocol string

// Listener protocols.
const (
	// ProtocolTCP passes connections through to the targets (the NLB does
	// not terminate TCP, so a TCP health check of the NLB reaches a target).
	ProtocolTCP Protocol = "TCP"
	// ProtocolTLS terminates TLS at the NLB with an ACM certificate and
	// forwards TCP to the targets.
	ProtocolTLS Protocol = "TLS"
)

// Props configures the regional part: EIPs, the NLB, its security group,
// the target group and the listeners.
type Props struct {
	// Region is the NLB's region, the Region of its Metric…() methods'
	// metrics (validated when set). Default: the Network's Region, if any.
	Region string
	// Network supplies the VPC, its CIDR and the public subnets (one per AZ).
	// Default: none; VpcId, VpcCidr and PublicSubnetIds must be set instead.
	Network *network.Network
	// VpcId is the VPC of the target group and security group; may be a
	// Terraform reference. Ignored when Network is set.
	// Default: Network.VpcId.
	VpcId *string
	// VpcCidr bounds the NLB's egress (to targets and health checks).
	// Ignored when Network is set.
	// Default: Network.Cidr.
	VpcCidr string
	// PublicSubnetIds places the NLB: one subnet per AZ, each gets an EIP.
	// At least two. Ignored when Network is set.
	// Default: Network.Public.SubnetIds.
	PublicSubnetIds []*string

	// Name names the NLB (at most 29 characters: letters, digits, hyphens)
	// and prefixes Name tags. Changing it replaces the NLB and its IPs.
	// Default: the construct id.
	Name string
	// Ports are the listener ports (1-65535); each gets a listener
	// forwarding to the one target group.
	// Default: [443].
	Ports []int
	// Protocol is the listeners' protocol, TCP or TLS.
	// Default: ProtocolTCP.
	Protocol Protocol
	// CertificateArn is the ACM certificate of TLS listeners; required when
	// Protocol is TLS, rejected otherwise.
	// Default: none.
	CertificateArn string
	// SslPolicy is the TLS listeners' security policy.
	// Default: "ELBSecurityPolicy-TLS13-1-2-2021-06" (TLS 1.2 and 1.3 only).
	SslPolicy string
	// TargetPort is the port targets listen on.
	// Default: the first listener port.
	TargetPort int
	// HealthCheck configures the target group's health check (also what
	// Global Accelerator uses for NLB endpoints).
	// Default: see HealthCheck's fields.
	HealthCheck HealthCheck
	// AllowedCidrs may reach the listeners (NLB security group ingress).
	// Default: ["0.0.0.0/0"] (a public entry point).
	AllowedCidrs []string
	// DisableDeletionProtection lets `terraform destroy` delete the NLB.
	// Keep it false in production; test configs set it.
	// Default: false (deletion protection on).
	DisableDeletionProtection bool
	// DisableZonalShift opts the NLB out of ARC zonal shift. With zonal
	// shift on, an impaired Availability Zone is drained by one API call
	// (`aws arc-zonal-shift start-zonal-shift`), no deploy; AWS then
	// requires, with cross-zone load balancing (always on here), that the
	// target group keep connections to unhealthy targets open, so the
	// target group sets enable_unhealthy_connection_termination = false.
	// Default: false (zonal shift on).
	DisableZonalShift bool
	// AccessLogs writes NLB access logs to a new SSE-KMS encrypted bucket in
	// the region. NLBs log only TLS connections, so it requires ProtocolTLS.
	// Default: false.
	AccessLogs bool
	// AccessLogsPrefix is the key prefix of the logs (must not contain
	// "AWSLogs", which ELB appends itself).
	// Default: the NLB name.
	AccessLogsPrefix string

	// AccountId is the 12-digit AWS account, named by the log bucket's key
	// policy. Default: looked up with data.aws_caller_identity (STS) when a
	// log bucket is created.
	AccountId string
}

// HealthCheck configures the target group health check.
type HealthCheck struct {
	// Protocol is TCP, HTTP or HTTPS.
	// Default: "TCP".
	Protocol string
	// Port is the port probed on each target.
	// Default: the traffic port (TargetPort).
	Port int
	// Path is the request path of HTTP(S) checks; rejected for TCP.
	// Default: "/" for HTTP(S).
	Path string
	// IntervalSeconds is 5-300.
	// Default: 10.
	IntervalSeconds int
	// HealthyThreshold is 2-10 consecutive successes.
	// Default: 3.
	HealthyThreshold int
	// UnhealthyThreshold is 2-10 consecutive failures.
	// Default: 2.
	UnhealthyThreshold int
}

const (
	defaultPort               = 443
	defaultSslPolicy          = "ELBSecurityPolicy-TLS13-1-2-2021-06"
	defaultHCInterval         = 10
	defaultHealthyThreshold   = 3
	defaultUnhealthyThreshold = 2
	maxNameLength             = 29 // 32 for an NLB, minus room for "-tg"-style suffixes
)

// withDefaults resolves every zero value to its documented default.
func (p Props) withDefaults(id string) Props {
	if p.Network != nil {
		if p.Region == "" {
			p.Region = p.Network.Props.Region
		}
		p.VpcId = p.Network.VpcId
		p.VpcCidr = p.Network.Cidr
		p.PublicSubnetIds = p.Network.Public.SubnetIds
	}
	if p.Name == "" {
		p.Name = id
	}
	if len(p.Ports) == 0 {
		p.Ports = []int{defaultPort}
	}
	if p.Protocol == "" {
		p.Protocol = ProtocolTCP
	}
	if p.Protocol == ProtocolTLS && p.SslPolicy == "" {
		p.SslPolicy = defaultSslPolicy
	}
	if p.TargetPort == 0 {
		p.TargetPort = p.Ports[0]
	}
	if len(p.AllowedCidrs) == 0 {
		p.AllowedCidrs = []string{"0.0.0.0/0"}
	}
	if p.AccessLogs && p.AccessLogsPrefix == "" {
		p.AccessLogsPrefix = p.Name
	}
	p.HealthCheck = p.HealthCheck.withDefaults()
	return p
}

func (h HealthCheck) withDefaults() HealthCheck {
	if h.Protocol == "" {
		h.Protocol = "TCP"
	}
	if h.Path == "" && (h.Protocol == "HTTP" || h.Protocol == "HTTPS") {
		h.Path = "/"
	}
	if h.IntervalSeconds == 0 {
		h.IntervalSeconds = defaultHCInterval
	}
	if h.HealthyThreshold == 0 {
		h.HealthyThreshold = defaultHealthyThreshold
	}
	if h.UnhealthyThreshold == 0 {
		h.UnhealthyThreshold = defaultUnhealthyThreshold
	}
	return h
}

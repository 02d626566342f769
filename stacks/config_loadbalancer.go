package stacks

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/multiregion-iac/multiregion/internal/cidr"
	"github.com/multiregion-iac/multiregion/internal/validate"
)

// DNS names the public record clients use and its Route 53 health checks.
type DNS struct {
	// ZoneName is the hosted zone's domain, for example "example.com". Required.
	ZoneName string `yaml:"zoneName"`
	// ZoneID uses an existing hosted zone. Default: a new zone is created.
	ZoneID string `yaml:"zoneId"`
	// RecordName is the label of the failover record. Default: "api".
	RecordName string `yaml:"recordName"`
	// HealthCheckIntervalSeconds is Route 53's check interval, 10 or 30.
	// Default: 10.
	HealthCheckIntervalSeconds int `yaml:"healthCheckIntervalSeconds"`
	// HealthCheckFailureThreshold is 1-10 failed checks. Default: 3.
	HealthCheckFailureThreshold int `yaml:"healthCheckFailureThreshold"`
}

// LoadBalancer configures the regional Network Load Balancers (the same
// settings in every region).
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
	// Name names the accelerator. Default: the app name.
	Name string `yaml:"name"`
	// FlowLogs writes flow logs to an SSE-KMS bucket. Default: false.
	FlowLogs bool `yaml:"flowLogs"`
	// DisableClientIPPreservation makes targets see GA's addresses; required
	// with TLS listeners. Default: false (client IPs preserved).
	DisableClientIPPreservation bool `yaml:"disableClientIpPreservation"`
}

var (
	zoneIDPattern = regexp.MustCompile(`^Z[A-Z0-9]{1,31}$`)
	acmArn        = regexp.MustCompile(`^arn:aws[a-z-]*:acm:([a-z0-9-]+):[0-9]{12}:certificate/[A-Za-z0-9-]+$`)
	gaNamePattern = regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9-]{0,62}[A-Za-z0-9])?$`)
)

func (c *Config) applyLoadBalancerDefaults() {
	if c.DNS.RecordName == "" {
		c.DNS.RecordName = "api"
	}
	if c.DNS.HealthCheckIntervalSeconds == 0 {
		c.DNS.HealthCheckIntervalSeconds = 10
	}
	if c.DNS.HealthCheckFailureThreshold == 0 {
		c.DNS.HealthCheckFailureThreshold = 3
	}
	lb := &c.LoadBalancer
	if len(lb.Ports) == 0 {
		lb.Ports = []int{443}
	}
	if lb.Protocol == "" {
		lb.Protocol = "TCP"
	}
	if lb.TargetPort == 0 {
		lb.TargetPort = lb.Ports[0]
	}
	if len(lb.AllowedCidrs) == 0 {
		lb.AllowedCidrs = []string{"0.0.0.0/0"}
	}
	h := &lb.HealthCheck
	if h.Protocol == "" {
		h.Protocol = "TCP"
	}
	if h.Path == "" && h.Protocol != "TCP" {
		h.Path = "/"
	}
	if h.IntervalSeconds == 0 {
		h.IntervalSeconds = 10
	}
	if h.HealthyThreshold == 0 {
		h.HealthyThreshold = 3
	}
	if h.UnhealthyThreshold == 0 {
		h.UnhealthyThreshold = 2
	}
	if c.GlobalAccelerator.Name == "" {
		c.GlobalAccelerator.Name = c.App
	}
}

// validateLoadBalancer checks the dns, loadBalancer and globalAccelerator
// sections (the construct checks the same rules again, by its field names).
func (c *Config) validateLoadBalancer(p *validate.Problems) {
	d := c.DNS
	if d.ZoneID != "" && !zoneIDPattern.MatchString(d.ZoneID) {
		p.Addf("dns.zoneId", "%q is not a Route 53 hosted zone ID (Z followed by letters and digits)", d.ZoneID)
	}
	if d.HealthCheckIntervalSeconds != 10 && d.HealthCheckIntervalSeconds != 30 {
		p.Addf("dns.healthCheckIntervalSeconds", "Route 53 supports only 10 or 30, got %d", d.HealthCheckIntervalSeconds)
	}
	if t := d.HealthCheckFailureThreshold; t < 1 || t > 10 {
		p.Addf("dns.healthCheckFailureThreshold", "must be 1-10, got %d", t)
	}
	c.validateListeners(p)
	c.LoadBalancer.HealthCheck.validate(p)
	for i, s := range c.LoadBalancer.AllowedCidrs {
		if _, err := cidr.Parse(s); err != nil {
			p.Addf(fmt.Sprintf("loadBalancer.allowedCidrs[%d]", i), "%v", err)
		}
	}
	ga := c.GlobalAccelerator
	if ga.Enabled && !gaNamePattern.MatchString(ga.Name) {
		p.Addf("globalAccelerator.name", "%q must be 1-64 letters, digits or hyphens, not starting or ending with a hyphen", ga.Name)
	}
	if ga.Enabled && !ga.DisableClientIPPreservation && c.LoadBalancer.Protocol == "TLS" {
		p.Addf("globalAccelerator.disableClientIpPreservation", "must be true with TLS listeners: Global Accelerator cannot preserve client IPs for an NLB with TLS listeners")
	}
}

func (c *Config) validateListeners(p *validate.Problems) {
	lb := c.LoadBalancer
	seen := map[int]int{}
	for i, port := range lb.Ports {
		at := fmt.Sprintf("loadBalancer.ports[%d]", i)
		if port < 1 || port > 65535 {
			p.Addf(at, "must be 1-65535, got %d", port)
		} else if j, dup := seen[port]; dup {
			p.Addf(at, "%d is already listed at loadBalancer.ports[%d]", port, j)
		}
		seen[port] = i
	}
	if lb.TargetPort < 1 || lb.TargetPort > 65535 {
		p.Addf("loadBalancer.targetPort", "must be 1-65535, got %d", lb.TargetPort)
	}
	switch lb.Protocol {
	case "TCP":
		if len(lb.CertificateArns) > 0 {
			p.Addf("loadBalancer.certificateArns", "apply only to protocol TLS")
		}
	case "TLS":
		for _, r := range c.Regions {
			arn, ok := lb.CertificateArns[r.Name]
			at := "loadBalancer.certificateArns." + r.Name
			if !ok {
				p.Addf(at, "is required: protocol TLS needs an ACM certificate in every region")
			} else if m := acmArn.FindStringSubmatch(arn); m == nil {
				p.Addf(at, "%q is not an ACM certificate ARN", arn)
			} else if m[1] != r.Name {
				p.Addf(at, "the certificate is in %s; an NLB needs a certificate from its own region", m[1])
			}
		}
		for _, name := range sortedTagKeys(lb.CertificateArns) {
			if c.RegionNamed(name) == nil {
				p.Addf("loadBalancer.certificateArns."+name, "is not one of the regions")
			}
		}
	default:
		p.Addf("loadBalancer.protocol", `must be "TCP" or "TLS", got %q`, lb.Protocol)
	}
	if lb.AccessLogs && lb.Protocol != "TLS" {
		p.Addf("loadBalancer.accessLogs", "NLBs write access logs only for TLS listeners; set protocol: TLS or turn access logs off")
	}
}

func (h LBHealthCheck) validate(p *validate.Problems) {
	const at = "loadBalancer.healthCheck."
	switch h.Protocol {
	case "TCP":
		if h.Path != "" {
			p.Addf(at+"path", "applies only to HTTP and HTTPS checks, but protocol is TCP")
		}
	case "HTTP", "HTTPS":
		if !strings.HasPrefix(h.Path, "/") {
			p.Addf(at+"path", "%q must start with /", h.Path)
		}
	default:
		p.Addf(at+"protocol", `must be "TCP", "HTTP" or "HTTPS", got %q`, h.Protocol)
	}
	if h.Port != 0 && (h.Port < 1 || h.Port > 65535) {
		p.Addf(at+"port", "must be 1-65535, got %d", h.Port)
	}
	if h.IntervalSeconds < 5 || h.IntervalSeconds > 300 {
		p.Addf(at+"intervalSeconds", "must be 5-300, got %d", h.IntervalSeconds)
	}
	if h.HealthyThreshold < 2 || h.HealthyThreshold > 10 {
		p.Addf(at+"healthyThreshold", "must be 2-10, got %d", h.HealthyThreshold)
	}
	if h.UnhealthyThreshold < 2 || h.UnhealthyThreshold > 10 {
		p.Addf(at+"unhealthyThreshold", "must be 2-10, got %d", h.UnhealthyThreshold)
	}
}

package failovernlb

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/multiregion-iac/multiregion/internal/awsrules"
	"github.com/multiregion-iac/multiregion/internal/cidr"
	"github.com/multiregion-iac/multiregion/internal/validate"
)

var (
	lbName = regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?$`)
	gaName = regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9-]{0,62}[A-Za-z0-9])?$`)
	// ARC names are 1-64 non-whitespace characters; the longest suffix
	// added here ("-at-least-one-on") leaves 48.
	arcName    = regexp.MustCompile(`^\S{1,48}$`)
	clusterArn = regexp.MustCompile(`^arn:aws[a-z-]*:route53-recovery-control::\d{12}:cluster/[0-9a-f-]{1,}$`)
)

// Limits AWS enforces (elbv2 target group and Route 53 health check APIs).
const (
	minHCInterval, maxHCInterval   = 5, 300
	minHCThreshold, maxHCThreshold = 2, 10
	minR53Threshold, maxR53Thresh  = 1, 10
)

// validate reports every problem of defaulted regional props.
func (p Props) validate(probs *validate.Problems) {
	if p.Region != "" {
		awsrules.Region(probs, "Region", p.Region)
	}
	if p.AccountId != "" {
		awsrules.AccountID(probs, "AccountId", p.AccountId)
	}
	if p.Network == nil {
		if p.VpcId == nil {
			probs.Addf("VpcId", "is required when Network is not set")
		}
		if _, err := cidr.Parse(p.VpcCidr); err != nil {
			probs.Addf("VpcCidr", "%v (required when Network is not set)", err)
		}
	}
	if n := len(p.PublicSubnetIds); n < 2 {
		probs.Addf("PublicSubnetIds", "at least two public subnets in different AZs are required, got %d", n)
	}
	for i, s := range p.PublicSubnetIds {
		if s == nil || *s == "" {
			probs.Addf(fmt.Sprintf("PublicSubnetIds[%d]", i), "must not be empty")
		}
	}
	if len(p.Name) > maxNameLength || !lbName.MatchString(p.Name) || strings.HasPrefix(p.Name, "internal-") {
		probs.Addf("Name", "%q must be 1-%d letters, digits or hyphens, not starting or ending with a hyphen or starting with \"internal-\"", p.Name, maxNameLength)
	}
	seen := map[int]int{}
	for i, port := range p.Ports {
		field := fmt.Sprintf("Ports[%d]", i)
		if !validPort(port) {
			probs.Addf(field, "must be 1-65535, got %d", port)
		} else if j, dup := seen[port]; dup {
			probs.Addf(field, "%d is already listed at Ports[%d]", port, j)
		}
		seen[port] = i
	}
	switch p.Protocol {
	case ProtocolTCP:
		if p.CertificateArn != "" {
			probs.Addf("CertificateArn", "is set but Protocol is TCP; set Protocol to TLS or remove the certificate")
		}
	case ProtocolTLS:
		if p.CertificateArn == "" {
			probs.Addf("CertificateArn", "is required when Protocol is TLS")
		} else if !strings.HasPrefix(p.CertificateArn, "arn:") {
			probs.Addf("CertificateArn", "%q is not an ARN", p.CertificateArn)
		}
	default:
		probs.Addf("Protocol", "must be %q or %q, got %q", ProtocolTCP, ProtocolTLS, p.Protocol)
	}
	if !validPort(p.TargetPort) {
		probs.Addf("TargetPort", "must be 1-65535, got %d", p.TargetPort)
	}
	p.HealthCheck.validate(probs)
	for i, c := range p.AllowedCidrs {
		if _, err := cidr.Parse(c); err != nil {
			probs.Addf(fmt.Sprintf("AllowedCidrs[%d]", i), "%v", err)
		}
	}
	if p.AccessLogs && p.Protocol != ProtocolTLS {
		probs.Addf("AccessLogs", "NLBs write access logs only for TLS listeners; set Protocol to TLS or turn access logs off")
	}
	if strings.Contains(p.AccessLogsPrefix, "AWSLogs") {
		probs.Addf("AccessLogsPrefix", "%q must not contain \"AWSLogs\" (ELB appends it)", p.AccessLogsPrefix)
	}
}

func (h HealthCheck) validate(probs *validate.Problems) {
	switch h.Protocol {
	case "TCP":
		if h.Path != "" {
			probs.Addf("HealthCheck.Path", "applies only to HTTP and HTTPS checks, but Protocol is TCP")
		}
	case "HTTP", "HTTPS":
		if !strings.HasPrefix(h.Path, "/") {
			probs.Addf("HealthCheck.Path", "%q must start with /", h.Path)
		}
	default:
		probs.Addf("HealthCheck.Protocol", `must be "TCP", "HTTP" or "HTTPS", got %q`, h.Protocol)
	}
	if h.Port != 0 && !validPort(h.Port) {
		probs.Addf("HealthCheck.Port", "must be 1-65535, got %d", h.Port)
	}
	if h.IntervalSeconds < minHCInterval || h.IntervalSeconds > maxHCInterval {
		probs.Addf("HealthCheck.IntervalSeconds", "must be %d-%d, got %d", minHCInterval, maxHCInterval, h.IntervalSeconds)
	}
	if h.HealthyThreshold < minHCThreshold || h.HealthyThreshold > maxHCThreshold {
		probs.Addf("HealthCheck.HealthyThreshold", "must be %d-%d, got %d", minHCThreshold, maxHCThreshold, h.HealthyThreshold)
	}
	if h.UnhealthyThreshold < minHCThreshold || h.UnhealthyThreshold > maxHCThreshold {
		probs.Addf("HealthCheck.UnhealthyThreshold", "must be %d-%d, got %d", minHCThreshold, maxHCThreshold, h.UnhealthyThreshold)
	}
}

// validate reports every problem of defaulted global props.
func (p GlobalProps) validate(probs *validate.Problems) {
	awsrules.DomainName(probs, "ZoneName", p.ZoneName)
	if p.ZoneId != "" {
		awsrules.HostedZoneID(probs, "ZoneId", p.ZoneId)
	}
	awsrules.DNSLabel(probs, "RecordName", p.RecordName)
	if p.HealthCheckIntervalSeconds != 10 && p.HealthCheckIntervalSeconds != 30 {
		probs.Addf("HealthCheckIntervalSeconds", "Route 53 supports only 10 or 30, got %d", p.HealthCheckIntervalSeconds)
	}
	if t := p.HealthCheckFailureThreshold; t < minR53Threshold || t > maxR53Thresh {
		probs.Addf("HealthCheckFailureThreshold", "must be %d-%d, got %d", minR53Threshold, maxR53Thresh, t)
	}
	p.validateEndpoints(probs)
	if p.AccountId != "" {
		awsrules.AccountID(probs, "AccountId", p.AccountId)
	}
	a := p.Accelerator
	if a.Enabled && !gaName.MatchString(a.Name) {
		probs.Addf("Accelerator.Name", "%q must be 1-64 letters, digits or hyphens, not starting or ending with a hyphen", a.Name)
	}
	p.RoutingControl.validate(probs)
}

func (rc RoutingControl) validate(probs *validate.Problems) {
	if !rc.Enabled {
		if rc.ClusterArn != "" {
			probs.Addf("RoutingControl.ClusterArn", "is set but RoutingControl.Enabled is false")
		}
		return
	}
	if !arcName.MatchString(rc.Name) {
		probs.Addf("RoutingControl.Name", "%q must be 1-48 characters without whitespace (ARC names are at most 64 with the suffixes added)", rc.Name)
	}
	if rc.ClusterArn != "" && !clusterArn.MatchString(rc.ClusterArn) {
		probs.Addf("RoutingControl.ClusterArn", "%q is not an ARC cluster ARN (arn:aws:route53-recovery-control::<account>:cluster/<id>)", rc.ClusterArn)
	}
}

func (p GlobalProps) validateEndpoints(probs *validate.Problems) {
	roles := map[Role]int{}
	seen := map[string]int{}
	for i, e := range p.Endpoints {
		at := fmt.Sprintf("Endpoints[%d]", i)
		switch j, dup := seen[e.Region]; {
		case !awsrules.Region(probs, at+".Region", e.Region):
		case dup:
			probs.Addf(at+".Region", "%q is already used by Endpoints[%d]", e.Region, j)
		default:
			seen[e.Region] = i
		}
		switch e.Role {
		case RolePrimary, RoleSecondary:
			roles[e.Role]++
		default:
			probs.Addf(at+".Role", "must be %q or %q, got %q", RolePrimary, RoleSecondary, e.Role)
		}
		if e.Balancer == nil {
			probs.Addf(at+".Balancer", "is required")
			continue
		}
		if p.Accelerator.Enabled && !p.Accelerator.DisableClientIPPreservation && e.Balancer.Props.Protocol == ProtocolTLS {
			probs.Addf(at+".Balancer", "has TLS listeners, for which Global Accelerator cannot preserve client IPs; set Accelerator.DisableClientIPPreservation")
		}
	}
	if roles[RolePrimary] != 1 {
		probs.Addf("Endpoints", "exactly one endpoint must have role %s, got %d", RolePrimary, roles[RolePrimary])
	}
	if roles[RoleSecondary] < 1 {
		probs.Addf("Endpoints", "at least one endpoint must have role %s", RoleSecondary)
	}
}

func validPort(p int) bool { return p >= 1 && p <= 65535 }

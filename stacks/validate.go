package stacks

import (
	"fmt"
	"maps"
	"net/url"
	"regexp"
	"slices"

	"github.com/multiregion-iac/multiregion/internal/validate"
)

// The composition's own rules: how the parts fit together. Every rule on a
// part's input (CIDRs, ports, database settings, ...) belongs to the
// construct that takes it, which reports it by its field; New maps that
// field back to the Config field it came from (fieldmap.go).

var appName = regexp.MustCompile(`^[a-z][a-z0-9-]{1,19}$`)

// validate reports every composition problem of a defaulted config, by Go
// field path.
func (c *Config) validate(p *validate.Problems) {
	if !appName.MatchString(c.App) {
		p.Addf("App", "%q must be 2-20 lowercase letters, digits or hyphens, starting with a letter", c.App)
	}
	if c.Environment == "" {
		p.Addf("Environment", "is required")
	}
	c.validateRegions(p)
	if c.ActiveRegion != "" && c.RegionNamed(c.ActiveRegion) == nil {
		p.Addf("ActiveRegion", "%q is not one of the regions", c.ActiveRegion)
	}
	checkEndpoint(p, "Endpoint", c.Endpoint)
	checkEndpoint(p, "Global.Endpoint", c.Global.Endpoint)
	if c.Backend.Type == "s3" && c.RegionNamed(c.Backend.Region) != nil {
		p.Addf("Backend.Region", "%q is one of the app's regions: its outage would take the state bucket that the other regions' failover deploys read; keep the bucket in a region of its own", c.Backend.Region)
	}
	c.validateParts(p)
	c.validateDatabaseDR(p)
	c.validateGlobalDatabase(p)
}

func (c *Config) validateRegions(p *validate.Problems) {
	if len(c.Regions) < 2 {
		p.Addf("Regions", "at least two regions are required, got %d", len(c.Regions))
	}
	primaries := 0
	seen := map[string]int{}
	for i, r := range c.Regions {
		at := fmt.Sprintf("Regions[%d]", i)
		if j, dup := seen[r.Name]; dup && r.Name != "" {
			p.Addf(at+".Name", "%q is already used by Regions[%d]", r.Name, j)
		} else {
			seen[r.Name] = i
		}
		switch r.Role {
		case RolePrimary:
			primaries++
		case RoleSecondary:
		default:
			p.Addf(at+".Role", "must be %q or %q, got %q", RolePrimary, RoleSecondary, r.Role)
		}
		checkEndpoint(p, at+".Endpoint", r.Endpoint)
	}
	if len(c.Regions) > 0 && primaries != 1 {
		p.Addf("Regions", "exactly one region must have role %q, got %d", RolePrimary, primaries)
	}
}

// validateParts checks that the optional parts a part needs are there.
func (c *Config) validateParts(p *validate.Problems) {
	if c.LoadBalancer == nil {
		if c.DNS != nil {
			p.Addf("DNS", "failover records need the load balancers: set LoadBalancer too")
		}
		if c.GlobalAccelerator.Enabled {
			p.Addf("GlobalAccelerator.Enabled", "the accelerator needs the load balancers: set LoadBalancer too")
		}
	} else {
		if c.GlobalAccelerator.Enabled && c.DNS == nil {
			p.Addf("GlobalAccelerator.Enabled", "the accelerator is built with the failover records: set DNS too")
		}
		for _, name := range slices.Sorted(maps.Keys(c.LoadBalancer.CertificateArns)) {
			if c.RegionNamed(name) == nil {
				p.Addf(fmt.Sprintf("LoadBalancer.CertificateArns[%q]", name), "is not one of the regions")
			}
		}
	}
	if o := c.Observability; o != nil && o.TgwDropThresholdPackets < 0 {
		p.Addf("Observability.TgwDropThresholdPackets", "must be 0 or more, got %d", o.TgwDropThresholdPackets)
	}
	if c.Observability != nil && (c.DNS != nil || c.GlobalAccelerator.Enabled) && c.Global.Region != defaultGlobalRegion {
		// The global stack alarms on the Route 53 health checks, whose
		// metrics exist only in us-east-1; an alarm sees only its region.
		p.Addf("Global.Region", "must be %s: Route 53 health-check metrics exist only there and the global stack alarms on them, got %q",
			defaultGlobalRegion, c.Global.Region)
	}
}

func checkEndpoint(p *validate.Problems, field, raw string) {
	if raw == "" {
		return
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		p.Addf(field, "%q must be an http(s) URL", raw)
	}
}

package stacks

import (
	"fmt"
	"net/netip"
	"net/url"
	"regexp"
	"sort"

	"github.com/multiregion-iac/multiregion/internal/cidr"
	"github.com/multiregion-iac/multiregion/internal/validate"
)

var (
	appName    = regexp.MustCompile(`^[a-z][a-z0-9-]{1,19}$`)
	regionName = regexp.MustCompile(`^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]$`)
	zoneName   = regexp.MustCompile(`^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}\.?$`)
	dnsLabel   = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$`)
	bucketName = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$`)
)

// validate reports every problem of an already-defaulted config.
func (c *Config) validate(p *validate.Problems) {
	if !appName.MatchString(c.App) {
		p.Addf("app", "%q must be 2-20 lowercase letters, digits or hyphens, starting with a letter", c.App)
	}
	if c.Environment == "" {
		p.Addf("environment", "is required")
	}
	c.validateRegions(p)
	if c.ActiveRegion != "" && c.RegionNamed(c.ActiveRegion) == nil {
		p.Addf("activeRegion", "%q is not one of the regions", c.ActiveRegion)
	}
	if !regionName.MatchString(c.Global.Region) {
		p.Addf("global.region", "%q is not an AWS region name", c.Global.Region)
	}
	checkEndpoint(p, "global.endpoint", c.Global.Endpoint)
	if !zoneName.MatchString(c.DNS.ZoneName) {
		p.Addf("dns.zoneName", "%q is not a domain name", c.DNS.ZoneName)
	}
	if !dnsLabel.MatchString(c.DNS.RecordName) {
		p.Addf("dns.recordName", "%q is not a DNS label", c.DNS.RecordName)
	}
	for _, k := range sortedTagKeys(c.Tags) {
		if v := c.Tags[k]; k == "" || len(k) > 128 || len(v) > 256 {
			p.Addf("tags."+k, "tag keys must be 1-128 characters and values at most 256")
		}
	}
	c.Backend.validate(p)
	c.validateClients(p)
	c.validateLoadBalancer(p)
	c.validateDatabase(p)
	c.validateObservability(p)
}

func (c *Config) validateRegions(p *validate.Problems) {
	if len(c.Regions) < 2 {
		p.Addf("regions", "at least two regions are required, got %d", len(c.Regions))
	}
	primaries := 0
	seen := map[string]int{}
	cidrs := make([]netip.Prefix, len(c.Regions))
	for i, r := range c.Regions {
		at := fmt.Sprintf("regions[%d]", i)
		if !regionName.MatchString(r.Name) {
			p.Addf(at+".name", "%q is not an AWS region name", r.Name)
		} else if j, dup := seen[r.Name]; dup {
			p.Addf(at+".name", "%q is already used by regions[%d]", r.Name, j)
		} else {
			seen[r.Name] = i
		}
		switch r.Role {
		case RolePrimary:
			primaries++
		case RoleSecondary:
		default:
			p.Addf(at+".role", "must be %q or %q, got %q", RolePrimary, RoleSecondary, r.Role)
		}
		if pre, err := cidr.Parse(r.Cidr); err != nil {
			p.Addf(at+".cidr", "%v", err)
		} else {
			cidrs[i] = pre
			for j := 0; j < i; j++ {
				if cidrs[j].IsValid() && cidrs[j].Overlaps(pre) {
					p.Addf(at+".cidr", "%s overlaps regions[%d].cidr %s", pre, j, cidrs[j])
				}
			}
		}
		if r.AzCount < 2 || r.AzCount > 3 {
			p.Addf(at+".azCount", "must be 2 or 3, got %d", r.AzCount)
		}
		if n := len(r.AvailabilityZones); n > 0 && n != r.AzCount {
			p.Addf(at+".availabilityZones", "has %d zones but azCount is %d", n, r.AzCount)
		}
		switch r.NatGateways {
		case "none", "single", "per-az":
		default:
			p.Addf(at+".natGateways", `must be "none", "single" or "per-az", got %q`, r.NatGateways)
		}
		checkEndpoint(p, at+".endpoint", r.Endpoint)
	}
	if len(c.Regions) > 0 && primaries != 1 {
		p.Addf("regions", "exactly one region must have role %q, got %d", RolePrimary, primaries)
	}
}

func (b *Backend) validate(p *validate.Problems) {
	switch b.Type {
	case "local":
		if b.Bucket != "" || b.Region != "" || b.DynamoDBTable != "" {
			p.Addf("backend", "bucket, region and dynamodbTable apply only to type s3")
		}
	case "s3":
		if !bucketName.MatchString(b.Bucket) {
			p.Addf("backend.bucket", "%q is not an S3 bucket name", b.Bucket)
		}
		if !regionName.MatchString(b.Region) {
			p.Addf("backend.region", "%q is not an AWS region name", b.Region)
		}
		switch b.Locking {
		case "lockfile", "none":
			if b.DynamoDBTable != "" {
				p.Addf("backend.dynamodbTable", `is set but locking is %q; set locking: dynamodb`, b.Locking)
			}
		case "dynamodb":
			if b.DynamoDBTable == "" {
				p.Addf("backend.dynamodbTable", "is required when locking is dynamodb")
			}
		default:
			p.Addf("backend.locking", `must be "lockfile", "dynamodb" or "none", got %q`, b.Locking)
		}
		checkEndpoint(p, "backend.endpoint", b.Endpoint)
	default:
		p.Addf("backend.type", `must be "local" or "s3", got %q`, b.Type)
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

func sortedTagKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

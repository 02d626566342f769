package stacks

import (
	"fmt"
	"net/netip"

	"github.com/multiregion-iac/multiregion/constructs/tgwpeering"
	"github.com/multiregion-iac/multiregion/internal/cidr"
	"github.com/multiregion-iac/multiregion/internal/validate"
)

// Client is one client site connected to a region's Transit Gateway.
type Client struct {
	// Name identifies the client; unique. Required.
	Name string `yaml:"name"`
	// Region is the app region whose Transit Gateway the client connects to. Required.
	Region string `yaml:"region"`
	// CustomerGatewayIP is the public IPv4 address of the client's VPN device. Required.
	CustomerGatewayIP string `yaml:"customerGatewayIp"`
	// BgpAsn is the client's BGP ASN. Default: 0, static routing to Cidrs.
	BgpAsn int `yaml:"bgpAsn"`
	// Cidrs are the client's on-premises networks. Required.
	Cidrs []string `yaml:"cidrs"`
	// ProbeAddresses are client-site IPs that CloudWatch Network Monitor
	// probes for latency and packet loss. Default: no probes.
	ProbeAddresses []string `yaml:"probeAddresses"`
}

// TransitGatewayAsn returns the Amazon-side ASN of regions[i]'s Transit
// Gateway: the configured one, or the documented default 64512 + i.
func (c *Config) TransitGatewayAsn(i int) int {
	if asn := c.Regions[i].TransitGatewayAsn; asn != 0 {
		return asn
	}
	return tgwpeering.DefaultAsnBase + i
}

// validateClients checks the clients section and the regions' Transit
// Gateway ASNs together, since client ASNs must differ from them. The
// region CIDRs themselves are checked by validateRegions.
func (c *Config) validateClients(p *validate.Problems) {
	asns := map[int]string{}
	for i := range c.Regions {
		at := fmt.Sprintf("regions[%d].transitGatewayAsn", i)
		asn := c.TransitGatewayAsn(i)
		if msg := tgwpeering.TransitGatewayAsnProblem(asn); msg != "" {
			p.Addf(at, "%s", msg)
		} else if other, dup := asns[asn]; dup {
			p.Addf(at, "%d is already used by %s", asn, other)
		} else {
			asns[asn] = at
		}
	}
	var seen []namedCidr
	for i, r := range c.Regions {
		if pre, err := cidr.Parse(r.Cidr); err == nil {
			seen = append(seen, namedCidr{fmt.Sprintf("regions[%d].cidr", i), pre})
		}
	}
	names := map[string]int{}
	for i, cl := range c.Clients {
		at := fmt.Sprintf("clients[%d]", i)
		if msg := tgwpeering.ClientNameProblem(cl.Name); msg != "" {
			p.Addf(at+".name", "%s", msg)
		} else if j, dup := names[cl.Name]; dup {
			p.Addf(at+".name", "%q is already used by clients[%d]", cl.Name, j)
		} else {
			names[cl.Name] = i
		}
		if c.RegionNamed(cl.Region) == nil {
			p.Addf(at+".region", "%q is not one of the regions", cl.Region)
		}
		if msg := tgwpeering.PublicIPv4Problem(cl.CustomerGatewayIP); msg != "" {
			p.Addf(at+".customerGatewayIp", "%s", msg)
		}
		if msg := tgwpeering.ClientAsnProblem(cl.BgpAsn); msg != "" {
			p.Addf(at+".bgpAsn", "%s", msg)
		} else if other, dup := asns[cl.BgpAsn]; dup && cl.BgpAsn != 0 {
			p.Addf(at+".bgpAsn", "%d is already used by %s", cl.BgpAsn, other)
		} else if cl.BgpAsn != 0 {
			asns[cl.BgpAsn] = at + ".bgpAsn"
		}
		if len(cl.Cidrs) == 0 {
			p.Addf(at+".cidrs", "at least one CIDR is required")
		}
		for k, s := range cl.Cidrs {
			field := fmt.Sprintf("%s.cidrs[%d]", at, k)
			pre, err := cidr.Parse(s)
			if err != nil {
				p.Addf(field, "%v", err)
				continue
			}
			for _, o := range seen {
				if o.prefix.Overlaps(pre) {
					p.Addf(field, "%s overlaps %s %s", pre, o.field, o.prefix)
				}
			}
			seen = append(seen, namedCidr{field, pre})
		}
		for k, s := range cl.ProbeAddresses {
			if a, err := netip.ParseAddr(s); err != nil || !a.Is4() {
				p.Addf(fmt.Sprintf("%s.probeAddresses[%d]", at, k), "%q is not an IPv4 address", s)
			}
		}
	}
}

type namedCidr struct {
	field  string
	prefix netip.Prefix
}

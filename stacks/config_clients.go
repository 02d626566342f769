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
// region CIDRs themselves are checked by validateRegions; the client rules
// are the mesh construct's, reported with config keys.
func (c *Config) validateClients(p *validate.Problems) {
	asns := map[int]string{}
	regions := make([]string, len(c.Regions))
	var seen []tgwpeering.NamedPrefix
	for i, r := range c.Regions {
		regions[i] = r.Name
		tgwpeering.ClaimTransitGatewayAsn(p, fmt.Sprintf("regions[%d].transitGatewayAsn", i), c.TransitGatewayAsn(i), asns)
		if pre, err := cidr.Parse(r.Cidr); err == nil {
			seen = append(seen, tgwpeering.NamedPrefix{Field: fmt.Sprintf("regions[%d].cidr", i), Prefix: pre})
		}
	}
	tgwpeering.ValidateClients(p, clientFields, c.meshClients(), c.ClientSummaries, regions, asns, seen)
	for i, cl := range c.Clients {
		for k, s := range cl.ProbeAddresses {
			if a, err := netip.ParseAddr(s); err != nil || !a.Is4() {
				p.Addf(fmt.Sprintf("clients[%d].probeAddresses[%d]", i, k), "%q is not an IPv4 address", s)
			}
		}
	}
}

// clientFields are the YAML keys of the clients section.
var clientFields = tgwpeering.ClientFields{List: "clients", Name: "name", Region: "region", CustomerGatewayIP: "customerGatewayIp", BgpAsn: "bgpAsn", Cidrs: "cidrs", Summaries: "clientSummaries"}

// meshClients returns the clients as the mesh construct takes them.
func (c *Config) meshClients() []tgwpeering.Client {
	out := make([]tgwpeering.Client, len(c.Clients))
	for i, cl := range c.Clients {
		out[i] = tgwpeering.Client{Name: cl.Name, Region: cl.Region, CustomerGatewayIP: cl.CustomerGatewayIP, BgpAsn: cl.BgpAsn, Cidrs: cl.Cidrs}
	}
	return out
}

package stacks

import "github.com/multiregion-iac/multiregion/constructs/tgwpeering"

// Client is one client site connected to a region's Transit Gateway
// (tgwpeering.Client; its probes: clientdashboards.Client).
type Client struct {
	// Name identifies the client; unique. Required.
	Name string `yaml:"name"`
	// Region is the app region whose Transit Gateway the client connects to. Required.
	Region string `yaml:"region"`
	// CustomerGatewayIP is the public IPv4 address of the client's VPN device. Required.
	CustomerGatewayIP string `yaml:"customerGatewayIp"`
	// BgpAsn is the client's BGP ASN. Default: 0, static routing to Cidrs.
	BgpAsn int `yaml:"bgpAsn" zero:"default"`
	// Cidrs are the client's on-premises networks. Required.
	Cidrs []string `yaml:"cidrs"`
	// ProbeAddresses are client-site IPs that CloudWatch Network Monitor
	// probes for latency and packet loss. Default: no probes.
	ProbeAddresses []string `yaml:"probeAddresses"`
	// Accelerated makes the client's VPN an accelerated VPN; changing it
	// replaces the VPN connection (tgwpeering.Client). Default: false.
	Accelerated bool `yaml:"accelerated"`
}

// meshClients returns the clients as the mesh construct takes them.
func (c *Config) meshClients() []tgwpeering.Client {
	out := make([]tgwpeering.Client, len(c.Clients))
	for i, cl := range c.Clients {
		out[i] = tgwpeering.Client{Name: cl.Name, Region: cl.Region, CustomerGatewayIP: cl.CustomerGatewayIP, BgpAsn: cl.BgpAsn, Cidrs: cl.Cidrs, Accelerated: cl.Accelerated}
	}
	return out
}

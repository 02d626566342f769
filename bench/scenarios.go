package main

import (
	"fmt"
	"os"
	"path/filepath"

	"gopkg.in/yaml.v3"

	"github.com/multiregion-iac/multiregion/stacks"
)

type scenario struct {
	name, config, note string
}

// extraRegions extend the reference app's two regions for the 3- and
// 5-region scenarios (each a secondary with its own VPC CIDR).
var extraRegions = []struct{ name, cidr string }{
	{"eu-west-1", "10.30.0.0/16"},
	{"eu-central-1", "10.40.0.0/16"},
	{"ap-southeast-2", "10.50.0.0/16"},
}

// scenarios writes one config per scenario, derived from config/local.yaml.
func scenarios(work string) []scenario {
	base, err := stacks.LoadFile("config/local.yaml")
	if err != nil {
		fail(err)
	}
	ref, _ := filepath.Abs("config/local.yaml")
	out := []scenario{{name: "reference app (config/local.yaml)", config: ref,
		note: fmt.Sprintf("%d regions, %d clients", len(base.Regions), len(base.Clients))}}
	for _, n := range []int{10, 100, 1000} {
		cfg := clone(base)
		cfg.Clients = clients(cfg, n)
		// Client networks come from one pool, routed as one VPC route (a
		// VPC route table holds at most 1,000 routes).
		cfg.ClientSummaries = []string{"100.64.0.0/10"}
		out = append(out, scenario{name: fmt.Sprintf("%d clients", n), config: write(work, fmt.Sprintf("clients-%d", n), cfg),
			note: "2 regions; a dashboard, VPN, TGW routes and alarms per client; clientSummaries: [100.64.0.0/10]"})
	}
	for _, n := range []int{2, 3, 5} {
		cfg := clone(base)
		cfg.Clients = nil
		for _, r := range extraRegions[:n-2] {
			extra := cfg.Regions[1]
			extra.Name, extra.Cidr = r.name, r.cidr
			cfg.Regions = append(cfg.Regions, extra)
		}
		out = append(out, scenario{name: fmt.Sprintf("%d regions", n), config: write(work, fmt.Sprintf("regions-%d", n), cfg),
			note: fmt.Sprintf("no clients; %d TGW peerings", n*(n-1)/2)})
	}
	return out
}

// clients makes n static-routed clients spread over the regions, each with
// its own /24 from 100.64.0.0/10 and every other one with a latency probe.
func clients(cfg *stacks.Config, n int) []stacks.Client {
	out := make([]stacks.Client, n)
	for i := range out {
		c := stacks.Client{
			Name:              fmt.Sprintf("client-%04d", i),
			Region:            cfg.Regions[i%len(cfg.Regions)].Name,
			CustomerGatewayIP: fmt.Sprintf("44.%d.%d.%d", 1+i/65536, (i/256)%256, 1+i%250),
			Cidrs:             []string{fmt.Sprintf("100.%d.%d.0/24", 64+i/256, i%256)},
		}
		if i%2 == 0 {
			c.ProbeAddresses = []string{fmt.Sprintf("100.%d.%d.10", 64+i/256, i%256)}
		}
		out[i] = c
	}
	return out
}

func clone(c *stacks.Config) *stacks.Config {
	raw, err := yaml.Marshal(c)
	if err != nil {
		fail(err)
	}
	var out stacks.Config
	if err := yaml.Unmarshal(raw, &out); err != nil {
		fail(err)
	}
	return &out
}

// write saves cfg as YAML and checks that it loads. Numbers left at 0
// are dropped (the loader refuses a written 0 where 0 means "default";
// the few *int keys where 0 is a value only matter to a deploy, not to
// these synth scenarios).
func write(work, name string, cfg *stacks.Config) string {
	var doc yaml.Node
	if err := doc.Encode(cfg); err != nil {
		fail(err)
	}
	dropZeros(&doc)
	raw, err := yaml.Marshal(&doc)
	if err != nil {
		fail(err)
	}
	path := filepath.Join(work, name+".yaml")
	if err := os.WriteFile(path, raw, 0o644); err != nil {
		fail(err)
	}
	if _, err := stacks.LoadFile(path); err != nil {
		fail(fmt.Errorf("scenario %s: %w", name, err))
	}
	return path
}

// dropZeros removes every mapping entry whose value is the integer 0.
func dropZeros(n *yaml.Node) {
	if n.Kind == yaml.MappingNode {
		kept := n.Content[:0]
		for i := 0; i+1 < len(n.Content); i += 2 {
			if v := n.Content[i+1]; v.Kind == yaml.ScalarNode && v.Tag == "!!int" && v.Value == "0" {
				continue
			}
			kept = append(kept, n.Content[i], n.Content[i+1])
		}
		n.Content = kept
	}
	for _, c := range n.Content {
		dropZeros(c)
	}
}

package stacks

import (
	"strings"

	"github.com/aws/jsii-runtime-go"

	"github.com/multiregion-iac/multiregion/constructs/failovernlb"
)

// addLoadBalancers adds the regional NLBs and the global failover (Route 53,
// Global Accelerator). The active region is PRIMARY with the accelerator
// dial at 100; changing ActiveRegion flips the records and the dials in one
// deploy of the global stack.
func addLoadBalancers(d *Deployment, ps *problems) {
	cfg := d.Config
	if cfg.LoadBalancer == nil {
		return
	}
	failed := !d.allNetworks()
	for _, rs := range d.Regions {
		if rs.Network == nil {
			continue
		}
		nlb, err := failovernlb.New(rs.Stack, "entry", regionalProps(cfg, rs))
		if err != nil {
			ps.construct(err, regionalFields(rs))
			failed = true
			continue
		}
		rs.LoadBalancer = nlb
		addNlbOutputs(rs)
	}
	if failed || d.Global == nil || cfg.DNS == nil {
		return
	}
	g, err := failovernlb.NewGlobal(d.Global.Stack, "failover", globalProps(d))
	if err != nil {
		ps.construct(err, globalFields)
		return
	}
	d.Global.Failover = g
	addFailoverOutputs(d)
}

func regionalProps(cfg Config, rs *RegionStack) failovernlb.Props {
	lb := cfg.LoadBalancer
	h := lb.HealthCheck
	return failovernlb.Props{
		Region:         rs.Region.Name,
		AccountId:      cfg.AccountId,
		Network:        rs.Network,
		Name:           cfg.App + "-" + regionCode(rs.Region.Name),
		Ports:          lb.Ports,
		Protocol:       failovernlb.Protocol(lb.Protocol),
		CertificateArn: lb.CertificateArns[rs.Region.Name],
		TargetPort:     lb.TargetPort,
		HealthCheck: failovernlb.HealthCheck{
			Protocol: h.Protocol, Port: h.Port, Path: h.Path, IntervalSeconds: h.IntervalSeconds,
			HealthyThreshold: h.HealthyThreshold, UnhealthyThreshold: h.UnhealthyThreshold,
		},
		AllowedCidrs:              lb.AllowedCidrs,
		DisableDeletionProtection: lb.DisableDeletionProtection,
		DisableZonalShift:         lb.DisableZonalShift,
		AccessLogs:                lb.AccessLogs,
	}
}

func regionalFields(rs *RegionStack) fieldMap {
	return fieldMap{
		"Name": "App", "Ports": "LoadBalancer.Ports", "Protocol": "LoadBalancer.Protocol",
		"CertificateArn": `LoadBalancer.CertificateArns["` + rs.Region.Name + `"]`, "TargetPort": "LoadBalancer.TargetPort",
		"HealthCheck": "LoadBalancer.HealthCheck", "AllowedCidrs": "LoadBalancer.AllowedCidrs", "AccessLogs": "LoadBalancer.AccessLogs",
	}
}

var globalFields = fieldMap{
	"ZoneName": "DNS.ZoneName", "ZoneId": "DNS.ZoneId", "RecordName": "DNS.RecordName",
	"HealthCheckIntervalSeconds": "DNS.HealthCheckIntervalSeconds", "HealthCheckFailureThreshold": "DNS.HealthCheckFailureThreshold",
	"Accelerator": "GlobalAccelerator", "Accelerator.DisableClientIPPreservation": "GlobalAccelerator.DisableClientIPPreservation",
	"RoutingControl": "DNS.RoutingControl",
}

// globalProps orders the endpoints: the active region (PRIMARY), then the
// failback target: the primary-role region when it is not active, then the
// rest in config order. Route 53 takes one SECONDARY record, so with more
// than two regions the first secondary gets it; the others keep health
// checks and accelerator endpoint groups (dial 0) only.
func globalProps(d *Deployment) failovernlb.GlobalProps {
	cfg := d.Config
	ordered := []*RegionStack{d.Region(cfg.ActiveRegion)}
	if p := d.Primary(); p.Region.Name != cfg.ActiveRegion {
		ordered = append(ordered, p)
	}
	for _, rs := range d.Regions {
		if rs.Region.Name != cfg.ActiveRegion && rs.Region.Role != RolePrimary {
			ordered = append(ordered, rs)
		}
	}
	var endpoints []failovernlb.Endpoint
	for i, rs := range ordered {
		role := failovernlb.RoleSecondary
		if i == 0 {
			role = failovernlb.RolePrimary
		}
		endpoints = append(endpoints, failovernlb.Endpoint{Region: rs.Region.Name, Role: role, Balancer: rs.LoadBalancer})
	}
	ga := cfg.GlobalAccelerator
	props := failovernlb.GlobalProps{
		Endpoints: endpoints,
		AccountId: cfg.AccountId,
		Accelerator: failovernlb.Accelerator{
			Enabled: ga.Enabled, Name: ga.Name, FlowLogs: ga.FlowLogs,
			DisableClientIPPreservation: ga.DisableClientIPPreservation,
		},
	}
	if dns := cfg.DNS; dns != nil {
		props.ZoneName, props.ZoneId, props.RecordName = dns.ZoneName, dns.ZoneID, dns.RecordName
		props.HealthCheckIntervalSeconds, props.HealthCheckFailureThreshold = dns.HealthCheckIntervalSeconds, dns.HealthCheckFailureThreshold
		rc := dns.RoutingControl
		props.RoutingControl = failovernlb.RoutingControl{Enabled: rc.Enabled, Name: rc.Name, ClusterArn: rc.ClusterArn}
	}
	return props
}

// regionCode shortens a region name for resource names limited to 32
// characters: us-east-1 -> use1, ap-southeast-2 -> apse2.
func regionCode(region string) string {
	short := map[string]string{
		"east": "e", "west": "w", "north": "n", "south": "s", "central": "c",
		"northeast": "ne", "northwest": "nw", "southeast": "se", "southwest": "sw",
	}
	parts := strings.Split(region, "-")
	var b strings.Builder
	for i, part := range parts {
		if s, ok := short[part]; ok && i > 0 {
			part = s
		}
		b.WriteString(part)
	}
	return b.String()
}

func addNlbOutputs(rs *RegionStack) {
	n := rs.LoadBalancer
	output(rs.Stack, "nlb_arn", n.Arn, "The region's NLB ARN.")
	output(rs.Stack, "nlb_dns_name", n.DnsName, "The region's NLB DNS name.")
	output(rs.Stack, "nlb_zone_id", n.ZoneId, "The NLB's canonical hosted zone ID (alias records).")
	output(rs.Stack, "nlb_static_ips", &n.EipAddresses, "The NLB's Elastic IPs, one per AZ: the addresses clients allow-list.")
	output(rs.Stack, "nlb_security_group_id", n.SecurityGroupId, "The NLB's security group; allow it in the targets' groups.")
	output(rs.Stack, "target_group_arn", n.TargetGroupArn, "Register the app's targets (type ip) here.")
}

func addFailoverOutputs(d *Deployment) {
	g, stack := d.Global.Failover, d.Global.Stack
	output(stack, "record_fqdn", g.RecordFqdn, "The failover record clients use.")
	output(stack, "hosted_zone_id", g.ZoneId, "The hosted zone holding the failover record.")
	if g.NameServers != nil {
		output(stack, "name_servers", g.NameServers, "Delegate the zone to these name servers.")
	}
	output(stack, "active_region", jsii.String(g.PrimaryRegion), "The region behind the PRIMARY record (config activeRegion).")
	output(stack, "failover_region", jsii.String(g.SecondaryRegion), "The region behind the SECONDARY record.")
	output(stack, "failover_route53_seconds", jsii.Number(g.Timing.Route53.Seconds()), "Expected Route 53 failover: health check interval x threshold + 60 s resolver cache.")
	output(stack, "failover_timing", jsii.String(g.Timing.String()), "Expected failover times.")
	// One entry per region, always naming its NLB ARN: the region stacks
	// then export the same outputs whether or not the accelerator is on, so
	// enabling it never needs a deploy of a (possibly failed) region stack.
	endpoints := map[string]any{}
	for _, e := range g.Props.Endpoints {
		entry := map[string]any{"nlb_arn": e.Balancer.Arn, "health_check_id": g.HealthCheckIds[e.Region], "record": "none"}
		switch e.Region {
		case g.PrimaryRegion:
			entry["record"] = "PRIMARY"
		case g.SecondaryRegion:
			entry["record"] = "SECONDARY"
		}
		if dial, ok := g.TrafficDials[e.Region]; ok {
			entry["traffic_dial"] = dial
		}
		endpoints[e.Region] = entry
	}
	output(stack, "failover_endpoints", endpoints, "Per region: NLB ARN, health check, failover record and accelerator dial.")
	if g.ClusterArn != nil {
		output(stack, "routing_control_cluster_arn", g.ClusterArn, "The ARC cluster holding the routing controls.")
		output(stack, "routing_controls", g.RoutingControlArns, "Per region: the routing control its failover record follows (on: may serve).")
		if g.ClusterEndpoints != nil {
			output(stack, "routing_control_cluster_endpoints", g.ClusterEndpoints, "The cluster's five regional data-plane endpoints; keep a copy outside AWS for a failover.")
		}
	}
	if g.Accelerator != nil {
		output(stack, "accelerator_dns_name", g.AcceleratorDnsName, "Global Accelerator DNS name.")
		output(stack, "accelerator_static_ips", g.AcceleratorIps, "Global Accelerator's two static anycast IPs.")
		output(stack, "failover_accelerator_seconds", jsii.Number(g.Timing.Accelerator.Seconds()), "Expected Global Accelerator failover: target group interval x unhealthy threshold.")
	}
}

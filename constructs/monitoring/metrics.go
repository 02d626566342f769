package monitoring

import "github.com/multiregion-iac/multiregion/constructs/monitoring/dashboard"

// Metric names one CloudWatch metric and where it lives.
type Metric struct {
	Namespace  string
	Name       string
	Dimensions map[string]string
	// Region is where the metric is published. Required.
	Region string
	// Statistic is Average, Sum, Minimum, Maximum or SampleCount.
	// Default: "Average".
	Statistic string
	// PeriodSeconds is 10, 30 or a multiple of 60. Default: 60.
	PeriodSeconds int
	// Label names the line on dashboards. Default: CloudWatch's label.
	Label string
}

// Regions where some AWS metrics exist, whatever region the resource
// serves: Route 53 publishes health-check metrics only in us-east-1, and
// Global Accelerator publishes its metrics only in us-west-2.
const (
	Route53MetricsRegion           = "us-east-1"
	GlobalAcceleratorMetricsRegion = "us-west-2"
)

func (m Metric) withDefaults() Metric {
	if m.Statistic == "" {
		m.Statistic = "Average"
	}
	if m.PeriodSeconds == 0 {
		m.PeriodSeconds = 60
	}
	return m
}

func (m Metric) line() dashboard.Metric {
	m = m.withDefaults()
	return dashboard.Metric{Namespace: m.Namespace, Name: m.Name, Dimensions: m.Dimensions, Region: m.Region, Stat: m.Statistic, Label: m.Label}
}

// ReplicaLag is an RDS replica's lag in seconds, in the replica's region.
func ReplicaLag(replicaRegion, dbInstanceIdentifier string) Metric {
	return Metric{Namespace: "AWS/RDS", Name: "ReplicaLag", Region: replicaRegion, Statistic: "Maximum",
		Dimensions: map[string]string{"DBInstanceIdentifier": dbInstanceIdentifier}}
}

// NlbHealthyHosts is the number of healthy targets of an NLB target group.
// The suffixes are the arn_suffix attributes of the load balancer and target group.
func NlbHealthyHosts(region, loadBalancerArnSuffix, targetGroupArnSuffix string) Metric {
	return Metric{Namespace: "AWS/NetworkELB", Name: "HealthyHostCount", Region: region, Statistic: "Minimum",
		Dimensions: map[string]string{"LoadBalancer": loadBalancerArnSuffix, "TargetGroup": targetGroupArnSuffix}}
}

// NlbUnhealthyHosts is the number of unhealthy targets of an NLB target group.
func NlbUnhealthyHosts(region, loadBalancerArnSuffix, targetGroupArnSuffix string) Metric {
	return Metric{Namespace: "AWS/NetworkELB", Name: "UnHealthyHostCount", Region: region, Statistic: "Maximum",
		Dimensions: map[string]string{"LoadBalancer": loadBalancerArnSuffix, "TargetGroup": targetGroupArnSuffix}}
}

// Route53HealthCheckStatus is 1 while a health check passes, 0 when it
// fails; it exists only in us-east-1.
func Route53HealthCheckStatus(healthCheckID string) Metric {
	return Metric{Namespace: "AWS/Route53", Name: "HealthCheckStatus", Region: Route53MetricsRegion, Statistic: "Minimum",
		Dimensions: map[string]string{"HealthCheckId": healthCheckID}}
}

// TgwPacketDropsNoRoute counts packets a Transit Gateway attachment dropped
// for lack of a route.
func TgwPacketDropsNoRoute(region, transitGatewayID, attachmentID string) Metric {
	return tgwAttachmentMetric("PacketDropCountNoRoute", region, transitGatewayID, attachmentID)
}

// TgwPacketDropsBlackhole counts packets a Transit Gateway attachment dropped
// on a blackhole route.
func TgwPacketDropsBlackhole(region, transitGatewayID, attachmentID string) Metric {
	return tgwAttachmentMetric("PacketDropCountBlackhole", region, transitGatewayID, attachmentID)
}

func tgwAttachmentMetric(name, region, tgw, attachment string) Metric {
	return Metric{Namespace: "AWS/TransitGateway", Name: name, Region: region, Statistic: "Sum", PeriodSeconds: 300,
		Dimensions: map[string]string{"TransitGateway": tgw, "TransitGatewayAttachment": attachment}}
}

// TgwBytes is a Transit Gateway's total BytesIn or BytesOut.
func TgwBytes(region, transitGatewayID, direction string) Metric {
	return Metric{Namespace: "AWS/TransitGateway", Name: "Bytes" + direction, Region: region, Statistic: "Sum", PeriodSeconds: 300,
		Dimensions: map[string]string{"TransitGateway": transitGatewayID}}
}

// VpnTunnelState is a VPN connection's tunnel state (by VpnId, every
// tunnel's datapoints together): each tunnel reports 1 when up and 0 when
// not, so the Maximum is 1 while any tunnel is up, the Minimum 1 only
// while all are, and the Average the share that is. "Up" is IPsec up for
// static routing and the BGP session ESTABLISHED for BGP routing.
func VpnTunnelState(region, vpnConnectionID string) Metric {
	return Metric{Namespace: "AWS/VPN", Name: "TunnelState", Region: region, Statistic: "Maximum", PeriodSeconds: 300,
		Dimensions: map[string]string{"VpnId": vpnConnectionID}}
}

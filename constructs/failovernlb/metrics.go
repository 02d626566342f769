package failovernlb

import "github.com/multiregion-iac/multiregion/constructs/monitoring"

// MetricUnHealthyHostCount is the target group's unhealthy target count
// (alarm when > 0 for long enough), in the NLB's region (Props.Region).
func (r *Regional) MetricUnHealthyHostCount() monitoring.Metric {
	return monitoring.NlbUnhealthyHosts(r.Props.Region, *r.ArnSuffix, *r.TargetGroupArnSuffix)
}

// MetricHealthyHostCount is the target group's healthy target count, in
// the NLB's region (Props.Region).
func (r *Regional) MetricHealthyHostCount() monitoring.Metric {
	return monitoring.NlbHealthyHosts(r.Props.Region, *r.ArnSuffix, *r.TargetGroupArnSuffix)
}

// MetricHealthCheckStatus is the region's Route 53 health check status
// (1 healthy, 0 unhealthy), published in us-east-1 only.
func (g *Global) MetricHealthCheckStatus(region string) monitoring.Metric {
	return monitoring.Route53HealthCheckStatus(*g.HealthCheckIds[region])
}

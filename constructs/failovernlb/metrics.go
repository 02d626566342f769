package failovernlb

// Metric names one CloudWatch metric: where it lives and its dimensions.
// Alarms must be created in Region (Route 53 health-check metrics live in
// us-east-1, NLB metrics in the NLB's region).
type Metric struct {
	Namespace  string
	Name       string
	Dimensions map[string]*string
	Statistic  string
	// Region is the metric's region; empty means the construct's own region.
	Region string
}

// MetricUnHealthyHostCount is the target group's unhealthy target count
// (alarm when > 0 for long enough).
func (r *Regional) MetricUnHealthyHostCount() Metric {
	return Metric{Namespace: "AWS/NetworkELB", Name: "UnHealthyHostCount", Statistic: "Maximum",
		Dimensions: map[string]*string{"LoadBalancer": r.ArnSuffix, "TargetGroup": r.TargetGroupArnSuffix}}
}

// MetricHealthyHostCount is the target group's healthy target count.
func (r *Regional) MetricHealthyHostCount() Metric {
	return Metric{Namespace: "AWS/NetworkELB", Name: "HealthyHostCount", Statistic: "Minimum",
		Dimensions: map[string]*string{"LoadBalancer": r.ArnSuffix, "TargetGroup": r.TargetGroupArnSuffix}}
}

// MetricHealthCheckStatus is the region's Route 53 health check status
// (1 healthy, 0 unhealthy), published in us-east-1 only.
func (g *Global) MetricHealthCheckStatus(region string) Metric {
	return Metric{Namespace: "AWS/Route53", Name: "HealthCheckStatus", Statistic: "Minimum", Region: "us-east-1",
		Dimensions: map[string]*string{"HealthCheckId": g.HealthCheckIds[region]}}
}

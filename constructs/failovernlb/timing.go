package failovernlb

import (
	"fmt"
	"time"
)

// ResolverCache is how long resolvers may keep answering with the failed
// region: Route 53 alias records have no TTL of their own and answer with
// the target's, and ELB's DNS records use 60 s.
const ResolverCache = 60 * time.Second

// Timing is the expected time from a region failing to new connections
// reaching the next region. Estimates from the configured intervals and
// thresholds; AWS adds a few seconds of propagation to each.
type Timing struct {
	// Route53Detection is the health check's interval x failure threshold.
	Route53Detection time.Duration
	// Route53 is Route53Detection plus ResolverCache: the worst case for a
	// client that resolved the name just before the failure.
	Route53 time.Duration
	// TargetDetection is the primary target group's interval x unhealthy
	// threshold: when the NLB marks its targets unhealthy. Global
	// Accelerator acts on this (it uses the target group's health for NLB
	// endpoints) and, with evaluate_target_health, so may Route 53.
	TargetDetection time.Duration
	// Accelerator is the expected failover through Global Accelerator's
	// static IPs: TargetDetection, with no DNS caching involved. Zero when
	// there is no accelerator.
	Accelerator time.Duration
}

// ComputeTiming derives the failover times from defaulted global props and
// the primary's target group health check.
func ComputeTiming(p GlobalProps, primary HealthCheck) Timing {
	t := Timing{
		Route53Detection: time.Duration(p.HealthCheckIntervalSeconds*p.HealthCheckFailureThreshold) * time.Second,
		TargetDetection:  time.Duration(primary.IntervalSeconds*primary.UnhealthyThreshold) * time.Second,
	}
	t.Route53 = t.Route53Detection + ResolverCache
	if p.Accelerator.Enabled {
		t.Accelerator = t.TargetDetection
	}
	return t
}

// String is one line for humans (the reference app prints it as an output).
func (t Timing) String() string {
	s := fmt.Sprintf("Route 53: about %s (health check %s + resolver cache %s)",
		seconds(t.Route53), seconds(t.Route53Detection), seconds(ResolverCache))
	if t.Accelerator > 0 {
		s += fmt.Sprintf("; Global Accelerator: about %s (target group health %s, no DNS caching)",
			seconds(t.Accelerator), seconds(t.TargetDetection))
	}
	return s
}

func seconds(d time.Duration) string { return fmt.Sprintf("%ds", int(d.Seconds())) }

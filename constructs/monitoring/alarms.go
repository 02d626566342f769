package monitoring

// Alarm is one CloudWatch metric alarm notifying the region's topic.
type Alarm struct {
	// Id names the alarm <Props.Name>-<Id> and, without a Group, its
	// construct alarm-<Id>.
	// Letters, digits, - and _; unique. Required.
	Id string
	// Description says what fired and what to check. Default: none.
	Description string
	// Metric is what the alarm watches; its Region must be the
	// construct's. Required.
	Metric Metric
	// Comparison is GreaterThanThreshold, GreaterThanOrEqualToThreshold,
	// LessThanThreshold or LessThanOrEqualToThreshold. Required.
	Comparison string
	// Threshold is compared with the metric's statistic.
	Threshold float64
	// EvaluationPeriods is how many periods are evaluated. Default: 3.
	EvaluationPeriods int
	// DatapointsToAlarm is how many of them must breach. Default: all of them.
	DatapointsToAlarm int
	// TreatMissingData is missing, ignore, breaching or notBreaching.
	// Default: "missing".
	TreatMissingData string
	// Group puts the alarm in one for_each resource, alarms-<Group>, with
	// the other alarms of that Group (one per client, say): a thousand
	// alarms then cost one resource block at synth, not a thousand. Alarms
	// of a Group differ only in Id, Description and Metric.Dimensions.
	// Letters, digits, - and _. Default: its own resource, alarm-<Id>.
	Group string
	// Key is the alarm's for_each key in its Group; unique in the Group.
	// Required with Group.
	Key string
}

func (a Alarm) withDefaults() Alarm {
	a.Metric = a.Metric.withDefaults()
	if a.EvaluationPeriods == 0 {
		a.EvaluationPeriods = 3
	}
	if a.DatapointsToAlarm == 0 {
		a.DatapointsToAlarm = a.EvaluationPeriods
	}
	if a.TreatMissingData == "" {
		a.TreatMissingData = "missing"
	}
	return a
}

// ReplicaLagAlarm fires when the replica is more than maxSeconds behind for
// five minutes; a lagging replica means a failover would lose data.
func ReplicaLagAlarm(id string, m Metric, maxSeconds float64) Alarm {
	return Alarm{Id: id, Metric: m, Comparison: "GreaterThanThreshold", Threshold: maxSeconds, EvaluationPeriods: 5,
		Description: "The read replica is behind its source; a failover now would lose recent writes."}
}

// UnhealthyHostsAlarm fires when any target is unhealthy for three minutes.
func UnhealthyHostsAlarm(id string, m Metric) Alarm {
	return Alarm{Id: id, Metric: m, Comparison: "GreaterThanThreshold", Threshold: 0, TreatMissingData: "notBreaching",
		Description: "At least one NLB target is failing its health check."}
}

// NoHealthyHostsAlarm fires when the target group has no healthy target;
// missing data counts as breaching, because an NLB with no registered
// targets publishes nothing.
func NoHealthyHostsAlarm(id string, m Metric) Alarm {
	return Alarm{Id: id, Metric: m, Comparison: "LessThanThreshold", Threshold: 1, TreatMissingData: "breaching",
		Description: "The NLB has no healthy target in this region; Route 53 should be failing over."}
}

// HealthCheckFailingAlarm fires when a Route 53 health check fails for two
// minutes.
func HealthCheckFailingAlarm(id string, m Metric) Alarm {
	return Alarm{Id: id, Metric: m, Comparison: "LessThanThreshold", Threshold: 1, EvaluationPeriods: 2, TreatMissingData: "breaching",
		Description: "A Route 53 health check is failing: the region's endpoint is unreachable."}
}

// PacketDropsAlarm fires when the attachment drops more than maxPackets per
// 5 minutes, twice in a row; no data means no drops.
func PacketDropsAlarm(id string, m Metric, maxPackets float64) Alarm {
	return Alarm{Id: id, Metric: m, Comparison: "GreaterThanThreshold", Threshold: maxPackets, EvaluationPeriods: 2, TreatMissingData: "notBreaching",
		Description: "The Transit Gateway attachment is dropping packets (" + m.Name + "); check its route tables."}
}

// VpnRedundancyLostAlarm fires when a VPN connection has had a tunnel not
// up for 15 minutes: the client still has a path, but nothing left to fail
// over to. m is VpnTunnelState; the alarm reads its Minimum, below 1 as
// soon as one tunnel reports down (static routing: IPsec down; BGP: the
// session not ESTABLISHED). Missing data is breaching: a connection
// publishes TunnelState for as long as it exists.
func VpnRedundancyLostAlarm(id string, m Metric) Alarm {
	m.Statistic = "Minimum"
	return Alarm{Id: id, Metric: m, Comparison: "LessThanThreshold", Threshold: 1, EvaluationPeriods: 3, TreatMissingData: "breaching",
		Description: "A tunnel of the client's VPN is down: the client is on its last tunnel."}
}

// VpnCutOffAlarm fires when no tunnel of a VPN connection has been up for
// 10 minutes: the client is cut off. m is VpnTunnelState; the alarm reads
// its Maximum, below 1 only when every tunnel reports down.
func VpnCutOffAlarm(id string, m Metric) Alarm {
	m.Statistic = "Maximum"
	return Alarm{Id: id, Metric: m, Comparison: "LessThanThreshold", Threshold: 1, EvaluationPeriods: 2, TreatMissingData: "breaching",
		Description: "Every tunnel of the client's VPN is down: the client is cut off."}
}

package monitoring

import (
	"fmt"
	"regexp"

	"github.com/multiregion-iac/multiregion/constructs/monitoring/dashboard"
	"github.com/multiregion-iac/multiregion/internal/awsrules"
	"github.com/multiregion-iac/multiregion/internal/validate"
)

var (
	// SNS topic names: 1-256 of [A-Za-z0-9_-]; we add "-alarms".
	safeName = regexp.MustCompile(`^[A-Za-z0-9_-]{1,200}$`)
	email    = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s]+$`)
)

var (
	comparisons = set("GreaterThanThreshold", "GreaterThanOrEqualToThreshold", "LessThanThreshold", "LessThanOrEqualToThreshold")
	statistics  = set("Average", "Sum", "Minimum", "Maximum", "SampleCount")
	missingData = set("missing", "ignore", "breaching", "notBreaching")
)

func set(vals ...string) map[string]bool {
	m := map[string]bool{}
	for _, v := range vals {
		m[v] = true
	}
	return m
}

func (p Props) validate(probs *validate.Problems) {
	awsrules.Region(probs, "Region", p.Region)
	if p.AccountId != "" {
		awsrules.AccountID(probs, "AccountId", p.AccountId)
	}
	if !safeName.MatchString(p.Name) {
		probs.Addf("Name", "%q must be 1-200 letters, digits, - or _", p.Name)
	}
	if p.KmsDeletionWindowDays < 7 || p.KmsDeletionWindowDays > 30 {
		probs.Addf("KmsDeletionWindowDays", "must be 7-30, got %d", p.KmsDeletionWindowDays)
	}
	seen := map[string]int{}
	for i, a := range p.Alarms {
		at := fmt.Sprintf("Alarms[%d]", i)
		if j, dup := seen[a.Id]; dup {
			probs.Addf(at+".Id", "%q is already used by Alarms[%d]", a.Id, j)
		}
		seen[a.Id] = i
		p.validateAlarm(probs, at, a)
	}
	p.validateGroups(probs)
	emails := map[string]bool{}
	for i, e := range p.EmailAddresses {
		at := fmt.Sprintf("EmailAddresses[%d]", i)
		if !email.MatchString(e) {
			probs.Addf(at, "%q is not an e-mail address", e)
		} else if emails[e] {
			probs.Addf(at, "%q is listed twice", e)
		}
		emails[e] = true
	}
	p.validateOverview(probs)
}

func (p Props) validateAlarm(probs *validate.Problems, at string, a Alarm) {
	if !safeName.MatchString(a.Id) {
		probs.Addf(at+".Id", "%q must be 1-200 letters, digits, - or _", a.Id)
	} else if n := len(p.Name) + 1 + len(a.Id); n > 255 {
		probs.Addf(at+".Id", "the alarm name %s-%s is %d characters; at most 255", p.Name, a.Id, n)
	}
	validateMetric(probs, at+".Metric", a.Metric)
	if a.Metric.Region != "" && a.Metric.Region != p.Region {
		probs.Addf(at+".Metric.Region", "the metric lives in %s but this construct is in %s; an alarm can only watch its own region's metrics: create it in %s's stack",
			a.Metric.Region, p.Region, a.Metric.Region)
	}
	if !comparisons[a.Comparison] {
		probs.Addf(at+".Comparison", "%q is not a comparison (GreaterThanThreshold, GreaterThanOrEqualToThreshold, LessThanThreshold, LessThanOrEqualToThreshold)", a.Comparison)
	}
	if a.EvaluationPeriods < 1 {
		probs.Addf(at+".EvaluationPeriods", "must be at least 1, got %d", a.EvaluationPeriods)
	} else if a.Metric.PeriodSeconds*a.EvaluationPeriods > 86400 {
		probs.Addf(at+".EvaluationPeriods", "%d periods of %d s exceed one day, the longest an alarm evaluates", a.EvaluationPeriods, a.Metric.PeriodSeconds)
	}
	if a.DatapointsToAlarm < 1 || a.DatapointsToAlarm > a.EvaluationPeriods {
		probs.Addf(at+".DatapointsToAlarm", "must be 1-%d (EvaluationPeriods), got %d", a.EvaluationPeriods, a.DatapointsToAlarm)
	}
	if !missingData[a.TreatMissingData] {
		probs.Addf(at+".TreatMissingData", "%q must be missing, ignore, breaching or notBreaching", a.TreatMissingData)
	}
}

// validateGroups checks that the alarms of a Group can share one
// resource: unique keys, and the same settings but for Id, Description
// and dimensions.
func (p Props) validateGroups(probs *validate.Problems) {
	first, keys := map[string]int{}, map[string]int{}
	for i, a := range p.Alarms {
		at := fmt.Sprintf("Alarms[%d]", i)
		if a.Group == "" {
			if a.Key != "" {
				probs.Addf(at+".Key", "%q is set without a Group", a.Key)
			}
			continue
		}
		if !safeName.MatchString(a.Group) {
			probs.Addf(at+".Group", "%q must be 1-200 letters, digits, - or _", a.Group)
		}
		if a.Key == "" {
			probs.Addf(at+".Key", "is required with Group %q", a.Group)
		} else if j, dup := keys[a.Group+"\x00"+a.Key]; dup {
			probs.Addf(at+".Key", "%q is already used in Group %q by Alarms[%d]", a.Key, a.Group, j)
		} else {
			keys[a.Group+"\x00"+a.Key] = i
		}
		j, ok := first[a.Group]
		if !ok {
			first[a.Group] = i
			continue
		}
		if d := groupDiff(p.Alarms[j], a); d != "" {
			probs.Addf(at+".Group", "%q: %s differs from Alarms[%d] in the same Group; only Id, Description and Metric.Dimensions may differ", a.Group, d, j)
		}
	}
}

func groupDiff(a, b Alarm) string {
	switch {
	case a.Metric.Namespace != b.Metric.Namespace || a.Metric.Name != b.Metric.Name:
		return "the metric"
	case a.Metric.Region != b.Metric.Region:
		return "Metric.Region"
	case a.Metric.Statistic != b.Metric.Statistic:
		return "Metric.Statistic"
	case a.Metric.PeriodSeconds != b.Metric.PeriodSeconds:
		return "Metric.PeriodSeconds"
	case a.Comparison != b.Comparison:
		return "Comparison"
	case a.Threshold != b.Threshold:
		return "Threshold"
	case a.EvaluationPeriods != b.EvaluationPeriods:
		return "EvaluationPeriods"
	case a.DatapointsToAlarm != b.DatapointsToAlarm:
		return "DatapointsToAlarm"
	case a.TreatMissingData != b.TreatMissingData:
		return "TreatMissingData"
	}
	return ""
}

// validateMetric also enforces where AWS publishes some metrics, and that
// the metric exists at all.
func validateMetric(probs *validate.Problems, at string, m Metric) {
	if m.Namespace == "" || m.Name == "" {
		probs.Addf(at, "Namespace and Name are required")
	}
	awsrules.Region(probs, at+".Region", m.Region)
	switch {
	case m.Namespace == "AWS/GlobalAccelerator" && m.Name == "Latency":
		probs.Addf(at, "AWS/GlobalAccelerator publishes no Latency metric; an alarm on it would never fire (use NewFlowCount or ProcessedBytesIn)")
	case m.Namespace == "AWS/GlobalAccelerator" && m.Region != GlobalAcceleratorMetricsRegion:
		probs.Addf(at+".Region", "Global Accelerator metrics exist only in %s, got %q", GlobalAcceleratorMetricsRegion, m.Region)
	case m.Namespace == "AWS/Route53" && m.Region != Route53MetricsRegion:
		probs.Addf(at+".Region", "Route 53 health-check metrics exist only in %s, got %q", Route53MetricsRegion, m.Region)
	}
	if !statistics[m.Statistic] {
		probs.Addf(at+".Statistic", "%q must be Average, Sum, Minimum, Maximum or SampleCount", m.Statistic)
	}
	if s := m.PeriodSeconds; s != 10 && s != 30 && (s < 60 || s%60 != 0) {
		probs.Addf(at+".PeriodSeconds", "must be 10, 30 or a multiple of 60, got %d", s)
	}
	if len(m.Dimensions) > 30 {
		probs.Addf(at+".Dimensions", "has %d dimensions; CloudWatch allows 30", len(m.Dimensions))
	}
}

func (p Props) validateOverview(probs *validate.Problems) {
	for i, pn := range p.Overview {
		at := fmt.Sprintf("Overview[%d]", i)
		if pn.Title == "" {
			probs.Addf(at+".Title", "is required")
		}
		if len(pn.Metrics) == 0 {
			probs.Addf(at+".Metrics", "at least one metric is required")
		}
		if pn.Width < 1 || pn.Width > dashboard.GridWidth {
			probs.Addf(at+".Width", "must be 1-%d, got %d", dashboard.GridWidth, pn.Width)
		}
		for j, m := range pn.Metrics {
			validateMetric(probs, fmt.Sprintf("%s.Metrics[%d]", at, j), m.withDefaults())
		}
	}
	if len(p.Overview) > 0 {
		if len(p.OverviewName) > dashboard.MaxDashboardNameChars || !safeName.MatchString(p.OverviewName) {
			probs.Addf("OverviewName", "%q must be letters, digits, - or _, at most %d characters", p.OverviewName, dashboard.MaxDashboardNameChars)
		}
		for _, prob := range p.overviewBody().Problems() {
			probs.Addf("Overview", "the dashboard %s", prob)
		}
	}
}

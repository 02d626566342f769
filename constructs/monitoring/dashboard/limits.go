package dashboard

import (
	"fmt"
	"strings"
)

// CloudWatch limits a dashboard body must respect (CloudWatch service
// quotas; none can be raised).
const (
	MaxWidgets            = 500
	MaxMetricsPerWidget   = 500
	MaxMetricsPerBody     = 2500
	MaxLogsQueryChars     = 10000 // StartQuery / PutQueryDefinition QueryString
	MaxDashboardNameChars = 255
	// MaxBodyBytes is our guard, not a published quota: PutDashboard
	// documents no body size, so we stop at 1 MiB, far above any body
	// this library generates, to catch runaway input at synth.
	MaxBodyBytes = 1 << 20
)

// Problems returns every limit the body breaks, each naming the widget.
func (b *Body) Problems() []string {
	var probs []string
	if n := len(b.Widgets); n > MaxWidgets {
		probs = append(probs, fmt.Sprintf("has %d widgets; a CloudWatch dashboard holds at most %d", n, MaxWidgets))
	}
	total := 0
	for i, w := range b.Widgets {
		switch p := w.Properties.(type) {
		case *MetricProps:
			total += len(p.Metrics)
			if len(p.Metrics) > MaxMetricsPerWidget {
				probs = append(probs, fmt.Sprintf("widget %d (%q) draws %d metrics; at most %d per widget", i, p.Title, len(p.Metrics), MaxMetricsPerWidget))
			}
		case *LogProps:
			if !strings.HasPrefix(p.Query, "SOURCE '") {
				probs = append(probs, fmt.Sprintf("widget %d (%q): a log widget's query must start with SOURCE '<log group>'", i, p.Title))
			}
			if n := len(p.Query); n > MaxLogsQueryChars {
				probs = append(probs, fmt.Sprintf("widget %d (%q): the query is %d characters; Logs Insights accepts at most %d", i, p.Title, n, MaxLogsQueryChars))
			}
		}
	}
	if total > MaxMetricsPerBody {
		probs = append(probs, fmt.Sprintf("draws %d metrics; a dashboard draws at most %d", total, MaxMetricsPerBody))
	}
	if n := len(b.JSON()); n > MaxBodyBytes {
		probs = append(probs, fmt.Sprintf("body is %d bytes; the limit here is %d", n, MaxBodyBytes))
	}
	return probs
}

// Package dashboard shapes CloudWatch dashboard bodies in Go: typed widgets,
// a row-filling layout, one JSON string per dashboard, and a check of the
// CloudWatch limits, so a dashboard crosses the jsii boundary once and a
// body that CloudWatch would reject fails at synth instead of at apply.
package dashboard

import (
	"encoding/json"
	"sort"
	"strings"
)

// Grid width of a CloudWatch dashboard.
const GridWidth = 24

// Body is a dashboard body (the dashboard_body JSON).
type Body struct {
	Start          string   `json:"start,omitempty"`
	PeriodOverride string   `json:"periodOverride,omitempty"`
	Widgets        []Widget `json:"widgets"`

	// next free position while laying out
	x, y, rowHeight int
}

// Widget is one positioned widget; Properties is a *MetricProps,
// *LogProps or *TextProps.
type Widget struct {
	Type       string `json:"type"`
	X          int    `json:"x"`
	Y          int    `json:"y"`
	Width      int    `json:"width"`
	Height     int    `json:"height"`
	Properties any    `json:"properties"`
}

// MetricProps are a metric widget's properties.
type MetricProps struct {
	Title   string  `json:"title"`
	Region  string  `json:"region"`
	View    string  `json:"view"`
	Stacked bool    `json:"stacked"`
	Stat    string  `json:"stat,omitempty"`
	Period  int     `json:"period,omitempty"`
	Metrics [][]any `json:"metrics"`
}

// LogProps are a Logs Insights widget's properties. Query must start with
// SOURCE '<log group>' (see flowlogs.Source).
type LogProps struct {
	Title  string `json:"title"`
	Region string `json:"region"`
	View   string `json:"view"`
	Query  string `json:"query"`
}

// TextProps are a markdown widget's properties.
type TextProps struct {
	Markdown string `json:"markdown"`
}

// Metric is one metric line: where it lives and how to draw it.
type Metric struct {
	Namespace  string
	Name       string
	Dimensions map[string]string
	// Region is the metric's region; set it when the widget shows metrics
	// from several regions. Default: the widget's region.
	Region string
	Stat   string
	Label  string
	// YAxis "right" draws the line on the right axis. Default: left.
	YAxis string
}

// Row renders the metric in the dashboard's array form:
// [namespace, name, dim1, value1, ..., {options}], dimensions sorted.
func (m Metric) Row() []any {
	row := []any{m.Namespace, m.Name}
	keys := make([]string, 0, len(m.Dimensions))
	for k := range m.Dimensions {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		row = append(row, k, m.Dimensions[k])
	}
	opts := map[string]string{}
	for k, v := range map[string]string{"region": m.Region, "stat": m.Stat, "label": m.Label, "yAxis": m.YAxis} {
		if v != "" {
			opts[k] = v
		}
	}
	if len(opts) > 0 {
		row = append(row, opts)
	}
	return row
}

// Add places a widget after the previous one, starting a new row when it
// does not fit; widths are clamped to the grid.
func (b *Body) Add(typ string, width, height int, props any) {
	if width > GridWidth {
		width = GridWidth
	}
	if b.x+width > GridWidth {
		b.x, b.y, b.rowHeight = 0, b.y+b.rowHeight, 0
	}
	b.Widgets = append(b.Widgets, Widget{Type: typ, X: b.x, Y: b.y, Width: width, Height: height, Properties: props})
	b.x += width
	if height > b.rowHeight {
		b.rowHeight = height
	}
}

// AddText adds a full-width markdown widget.
func (b *Body) AddText(height int, markdown string) {
	b.Add("text", GridWidth, height, &TextProps{Markdown: markdown})
}

// AddMetrics adds a metric widget drawing ms.
func (b *Body) AddMetrics(width, height int, p MetricProps, ms ...Metric) {
	for _, m := range ms {
		p.Metrics = append(p.Metrics, m.Row())
	}
	if p.View == "" {
		p.View = "timeSeries"
	}
	b.Add("metric", width, height, &p)
}

// AddLog adds a Logs Insights widget.
func (b *Body) AddLog(width, height int, p LogProps) {
	if p.View == "" {
		p.View = "table"
	}
	b.Add("log", width, height, &p)
}

// JSON encodes the body. HTML escaping is off so queries stay readable in
// the synthesized Terraform and in GetDashboard.
func (b *Body) JSON() string {
	var sb strings.Builder
	enc := json.NewEncoder(&sb)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(b); err != nil {
		panic(err) // only strings, numbers and slices of them
	}
	return strings.TrimSuffix(sb.String(), "\n")
}

package monitoring

// Props configures a region's alerting.
type Props struct {
	// Region is the stack's region; every alarm's metric must live there.
	// Required.
	Region string

	// Name names the topic (<Name>-alarms), prefixes alarm names and the
	// key alias. Letters, digits, - and _.
	// Default: the construct id.
	Name string

	// Alarms are created in this region and notify the topic on ALARM and OK.
	// Default: none.
	Alarms []Alarm

	// EmailAddresses are subscribed to the topic (each must confirm).
	// Default: no subscriptions.
	EmailAddresses []string

	// KmsDeletionWindowDays is the waiting period, 7-30 days, before the
	// topic's key is deleted once removed from the configuration.
	// Default: 30.
	KmsDeletionWindowDays int

	// Overview adds a dashboard of these panels; their metrics may come from
	// any region. Default: no overview dashboard.
	Overview []Panel

	// OverviewName names the overview dashboard. Default: Name + "-overview".
	OverviewName string

	// AccountId is the 12-digit AWS account the stack deploys into; the key policy names it.
	// Default: looked up with data.aws_caller_identity (STS, in the stack's
	// own region).
	AccountId string
}

// Panel is one graph of the overview dashboard.
type Panel struct {
	// Title heads the graph. Required.
	Title string
	// Metrics are drawn as one line each, each from its own region. Required.
	Metrics []Metric
	// Width in grid units (1-24). Default: 12.
	Width int
}

const defaultKmsDeletionWindow = 30

// withDefaults resolves every zero value to its documented default.
func (p Props) withDefaults(id string) Props {
	if p.Name == "" {
		p.Name = id
	}
	if p.KmsDeletionWindowDays == 0 {
		p.KmsDeletionWindowDays = defaultKmsDeletionWindow
	}
	if p.OverviewName == "" {
		p.OverviewName = p.Name + "-overview"
	}
	alarms := make([]Alarm, len(p.Alarms))
	for i, a := range p.Alarms {
		alarms[i] = a.withDefaults()
	}
	p.Alarms = alarms
	panels := make([]Panel, len(p.Overview))
	for i, pn := range p.Overview {
		if pn.Width == 0 {
			pn.Width = 12
		}
		panels[i] = pn
	}
	p.Overview = panels
	return p
}

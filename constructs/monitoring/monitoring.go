package monitoring

import (
	"sort"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/cloudwatchdashboard"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/cloudwatchmetricalarm"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/dataawscalleridentity"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/dataawspartition"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/kmsalias"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/kmskey"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/snstopic"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/snstopicpolicy"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/snstopicsubscription"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/multiregion-iac/multiregion/constructs/monitoring/dashboard"
	"github.com/multiregion-iac/multiregion/internal/validate"
)

// Monitoring is a region's alarm topic, alarms and optional overview.
type Monitoring struct {
	// Construct is the scope holding the resources (a named field: jsii
	// cannot use a Go struct embedding a construct as a scope).
	Construct constructs.Construct
	// Props are the resolved props (defaults applied).
	Props Props
	// TopicArn is the SNS topic every alarm notifies.
	TopicArn *string
	// TopicName is the topic's name, known at synth.
	TopicName string
	// AlarmNames lists the alarm names in the order of Props.Alarms.
	AlarmNames []string
	// OverviewName is the overview dashboard's name; empty without one.
	OverviewName string
}

// New validates props and creates the topic, its key, subscriptions,
// alarms and overview. All problems are reported together, prefixed with
// the construct path, before any resource is created.
func New(scope constructs.Construct, id string, props Props) (*Monitoring, error) {
	props = props.withDefaults(id)
	probs := validate.New(*scope.Node().Path() + "/" + id)
	props.validate(probs)
	if err := probs.Err(); err != nil {
		return nil, err
	}
	m := &Monitoring{Construct: constructs.NewConstruct(scope, jsii.String(id)), Props: props, TopicName: props.Name + "-alarms"}
	partition := *dataawspartition.NewDataAwsPartition(m.Construct, jsii.String("partition"), nil).Partition()
	account := *dataawscalleridentity.NewDataAwsCallerIdentity(m.Construct, jsii.String("account"), nil).AccountId()

	key := kmskey.NewKmsKey(m.Construct, jsii.String("key"), &kmskey.KmsKeyConfig{
		Description:          jsii.String("Encrypts the " + m.TopicName + " SNS topic"),
		EnableKeyRotation:    true,
		DeletionWindowInDays: jsii.Number(float64(props.KmsDeletionWindowDays)),
		Policy:               jsii.String(keyPolicy(partition, account)),
	})
	kmsalias.NewKmsAlias(m.Construct, jsii.String("key-alias"), &kmsalias.KmsAliasConfig{
		Name: jsii.String("alias/" + m.TopicName), TargetKeyId: key.KeyId(),
	})
	topic := snstopic.NewSnsTopic(m.Construct, jsii.String("topic"), &snstopic.SnsTopicConfig{
		Name:           jsii.String(m.TopicName),
		KmsMasterKeyId: key.Arn(),
	})
	m.TopicArn = topic.Arn()
	snstopicpolicy.NewSnsTopicPolicy(m.Construct, jsii.String("topic-policy"), &snstopicpolicy.SnsTopicPolicyConfig{
		Arn:    topic.Arn(),
		Policy: jsii.String(topicPolicy(partition, props.Region, account, *topic.Arn())),
	})
	for _, addr := range props.EmailAddresses {
		// Keyed by address: reordering the list replaces nothing.
		snstopicsubscription.NewSnsTopicSubscription(m.Construct, jsii.String("email-"+addr), &snstopicsubscription.SnsTopicSubscriptionConfig{
			TopicArn: topic.Arn(), Protocol: jsii.String("email"), Endpoint: jsii.String(addr),
		})
	}
	groups := map[string][]Alarm{}
	for _, a := range props.Alarms {
		m.AlarmNames = append(m.AlarmNames, props.Name+"-"+a.Id)
		if a.Group == "" {
			m.alarm(a)
		} else {
			groups[a.Group] = append(groups[a.Group], a)
		}
	}
	for _, g := range sortedKeys(groups) {
		m.alarmGroup(g, groups[g])
	}
	if len(props.Overview) > 0 {
		m.OverviewName = props.OverviewName
		cloudwatchdashboard.NewCloudwatchDashboard(m.Construct, jsii.String("overview"), &cloudwatchdashboard.CloudwatchDashboardConfig{
			DashboardName: jsii.String(props.OverviewName),
			DashboardBody: jsii.String(props.overviewBody().JSON()),
		})
	}
	return m, nil
}

func (m *Monitoring) alarm(a Alarm) {
	name := m.Props.Name + "-" + a.Id
	dims := map[string]*string{}
	for k, v := range a.Metric.Dimensions {
		dims[k] = jsii.String(v)
	}
	conf := &cloudwatchmetricalarm.CloudwatchMetricAlarmConfig{
		AlarmName:          jsii.String(name),
		Namespace:          jsii.String(a.Metric.Namespace),
		MetricName:         jsii.String(a.Metric.Name),
		Dimensions:         &dims,
		Statistic:          jsii.String(a.Metric.Statistic),
		Period:             jsii.Number(float64(a.Metric.PeriodSeconds)),
		EvaluationPeriods:  jsii.Number(float64(a.EvaluationPeriods)),
		DatapointsToAlarm:  jsii.Number(float64(a.DatapointsToAlarm)),
		ComparisonOperator: jsii.String(a.Comparison),
		Threshold:          jsii.Number(a.Threshold),
		TreatMissingData:   jsii.String(a.TreatMissingData),
		AlarmActions:       &[]*string{m.TopicArn},
		OkActions:          &[]*string{m.TopicArn},
	}
	if a.Description != "" {
		conf.AlarmDescription = jsii.String(a.Description)
	}
	cloudwatchmetricalarm.NewCloudwatchMetricAlarm(m.Construct, jsii.String("alarm-"+a.Id), conf)
}

// alarmGroup creates one for_each resource, alarms-<group>, over the
// group's alarms keyed by Key. The instance fields (name, description,
// dimensions) are shaped in Go and cross jsii once, as one map; validation
// made sure every other field is the same across the group.
func (m *Monitoring) alarmGroup(group string, alarms []Alarm) {
	instances := make(map[string]any, len(alarms))
	described := 0
	for _, a := range alarms {
		instances[a.Key] = map[string]any{
			"alarm_name": m.Props.Name + "-" + a.Id, "description": a.Description, "dimensions": a.Metric.Dimensions,
		}
		if a.Description != "" {
			described++
		}
	}
	a := alarms[0]
	it := cdktf.TerraformIterator_FromMap(instances)
	conf := &cloudwatchmetricalarm.CloudwatchMetricAlarmConfig{
		ForEach:            it,
		AlarmName:          it.GetString(jsii.String("alarm_name")),
		Namespace:          jsii.String(a.Metric.Namespace),
		MetricName:         jsii.String(a.Metric.Name),
		Dimensions:         it.GetStringMap(jsii.String("dimensions")),
		Statistic:          jsii.String(a.Metric.Statistic),
		Period:             jsii.Number(float64(a.Metric.PeriodSeconds)),
		EvaluationPeriods:  jsii.Number(float64(a.EvaluationPeriods)),
		DatapointsToAlarm:  jsii.Number(float64(a.DatapointsToAlarm)),
		ComparisonOperator: jsii.String(a.Comparison),
		Threshold:          jsii.Number(a.Threshold),
		TreatMissingData:   jsii.String(a.TreatMissingData),
		AlarmActions:       &[]*string{m.TopicArn},
		OkActions:          &[]*string{m.TopicArn},
	}
	switch described {
	case len(alarms):
		conf.AlarmDescription = it.GetString(jsii.String("description"))
	case 0:
	default:
		// An empty description is no description, as for a lone alarm.
		conf.AlarmDescription = jsii.String(`${each.value.description == "" ? null : each.value.description}`)
	}
	cloudwatchmetricalarm.NewCloudwatchMetricAlarm(m.Construct, jsii.String("alarms-"+group), conf)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// overviewBody draws each panel as one graph; every line carries its own
// region, so one dashboard shows all regions side by side.
func (p Props) overviewBody() *dashboard.Body {
	b := &dashboard.Body{Start: "-PT6H"}
	for _, pn := range p.Overview {
		lines := make([]dashboard.Metric, len(pn.Metrics))
		period := 60
		for i, m := range pn.Metrics {
			lines[i] = m.line()
			if s := m.withDefaults().PeriodSeconds; s > period {
				period = s
			}
		}
		b.AddMetrics(pn.Width, 6, dashboard.MetricProps{Title: pn.Title, Region: p.Region, Period: period}, lines...)
	}
	return b
}

// Package flowlogs records a region's network traffic: VPC flow logs (all
// traffic) and Transit Gateway flow logs (60-second aggregation) into
// KMS-encrypted CloudWatch log groups with a retention period, written by an
// IAM role that may write only to those groups, plus saved Logs Insights
// queries for top talkers, rejected, dropped and bandwidth.
//
// Both flow logs use a custom format (VpcLogFormat, TgwLogFormat) and every
// query parses @message with the matching pattern, so queries never depend on
// field auto-discovery. The query builders are exported: the per-client
// dashboards (package clientdashboards) use the same ones with a filter.
//
// Transit Gateway flow logs have no action field: rejected traffic comes from
// the VPC flow logs (action = REJECT) and drops from the TGW packets-lost-*
// fields.
package flowlogs

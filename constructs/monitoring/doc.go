// Package monitoring creates a region's alerting: a KMS-encrypted SNS topic
// (optionally with e-mail subscriptions), CloudWatch alarms that notify it,
// and optionally a multi-region overview dashboard.
//
// An alarm can only watch metrics of its own region, so every alarm's metric
// names its region and New rejects one that differs from the construct's
// region. The metric helpers (ReplicaLag, NlbUnhealthyHosts,
// Route53HealthCheckStatus, TgwPacketDropsNoRoute, VpnTunnelState, ...)
// encode where each AWS metric lives: Route 53 health-check metrics exist
// only in us-east-1, Global Accelerator's only in us-west-2, and Global
// Accelerator publishes no latency metric at all.
package monitoring

// Package awsrules holds the rules AWS itself applies to names every
// construct shares — region and Availability Zone names, resource tags, DNS
// names, hosted-zone IDs, S3 bucket names — so that careless input fails at
// synth with a message naming the field instead of at apply.
//
// Each check takes the construct's (or config's) validate.Problems
// collector and the field name, records at most one problem per value, and
// reports whether the value passed, so callers can skip checks that depend
// on it. The region list is generated from botocore's endpoints.json
// (`go generate ./internal/awsrules`); regenerate it when AWS opens a region.
package awsrules

// Command aurora-global is a team's app for an Aurora PostgreSQL global
// database in two regions, configured in YAML (config.yaml) as a team that
// keeps its settings out of Go would: the network of each region and the
// global database, written in us-east-1 and replicated to us-west-2.
//
// LEDGER_CONFIG names the config file (default config.yaml) and
// LEDGER_STATE_DIR the state directory (default ./state). A switchover or
// failover is an RDS API call followed by an edit of activeRegion in that
// file and a deploy (docs/runbook.md, "Aurora global database").
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/multiregion-iac/multiregion/stacks"
)

func main() {
	path := os.Getenv("LEDGER_CONFIG")
	if path == "" {
		path = "config.yaml"
	}
	if os.Getenv("LEDGER_STATE_DIR") == "" {
		state, err := filepath.Abs("state")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Setenv("LEDGER_STATE_DIR", state)
	}
	app := cdktf.NewApp(nil)
	if _, err := stacks.NewFromFile(app, path); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	app.Synth()
}

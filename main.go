// Command multiregion is the reference app: it reads a config file and
// synthesizes the whole multi-region design, one stack per region plus a
// global stack. Run it through the cdktf CLI (see README.md).
//
// The config file is MULTIREGION_CONFIG, default config/local.yaml. Invalid
// config or construct input is reported in full and exits non-zero before
// anything is written.
package main

import (
	"fmt"
	"os"

	"github.com/aws/jsii-runtime-go"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/multiregion-iac/multiregion/stacks"
)

const defaultConfig = "config/local.yaml"

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}

func run() error {
	path := os.Getenv("MULTIREGION_CONFIG")
	if path == "" {
		path = defaultConfig
	}
	cfg, err := stacks.LoadFile(path)
	if err != nil {
		return err
	}
	app := cdktf.NewApp(nil)
	if _, err := stacks.Build(app, cfg); err != nil {
		return err
	}
	app.Synth()
	jsii.Close()
	return nil
}

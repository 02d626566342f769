// Command multiregion is the reference app: it reads a config file and
// synthesizes the whole multi-region design, one stack per region plus a
// global stack. Run it through the cdktf CLI (see README.md).
//
// The config file is MULTIREGION_CONFIG, default config/local.yaml. Invalid
// config or construct input is reported in full and exits non-zero before
// anything is written to the output directory.
package main

import (
	"fmt"
	"os"

	"github.com/aws/jsii-runtime-go"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/multiregion-iac/multiregion/internal/synthout"
	"github.com/multiregion-iac/multiregion/stacks"
)

const defaultConfig = "config/local.yaml"

func main() {
	err := run()
	// The jsii runtime's temp folder (jsii-runtime.*) exists from the moment
	// the bindings register their types at package init, so close it on
	// every path, a config error included, before os.Exit skips the rest.
	jsii.Close()
	if err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}

func run() error {
	path := os.Getenv("MULTIREGION_CONFIG")
	if path == "" {
		path = defaultConfig
	}
	return synthAtomically(outdir(), func(app cdktf.App) error {
		_, err := stacks.NewFromFile(app, path)
		return err
	})
}

// outdir is where the cdktf CLI wants the output (it sets CDKTF_OUTDIR).
func outdir() string {
	if dir := os.Getenv("CDKTF_OUTDIR"); dir != "" {
		return dir
	}
	return "cdktf.out"
}

// synthAtomically builds the app in a staging directory and publishes the
// result into dir only when every construct accepted its input: cdktf
// creates output directories as soon as the app exists, and a failed build
// must leave dir exactly as it was. A successful one leaves dir with exactly
// the stacks it produced (see synthout.Publish).
func synthAtomically(dir string, build func(cdktf.App) error) error {
	staging, err := os.MkdirTemp("", "multiregion-synth-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(staging)
	app := cdktf.NewApp(&cdktf.AppConfig{Outdir: jsii.String(staging)})
	if err := build(app); err != nil {
		return err
	}
	app.Synth()
	kept, err := synthout.Publish(staging, dir)
	for _, d := range kept {
		fmt.Fprintf(os.Stderr, "warning: %s is no longer synthesized but holds Terraform state; destroy or move it, then delete the directory\n", d)
	}
	return err
}

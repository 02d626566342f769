// Command synthall synthesizes the reference app (config/local.yaml) and
// every example into <outdir>/<app>/, for scanners and the benchmark. It
// runs each app's own main package with the cdktf output directory set, as
// the cdktf CLI would.
package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: synthall <outdir>")
		os.Exit(2)
	}
	out, err := filepath.Abs(os.Args[1])
	if err != nil {
		fail(err)
	}
	apps := map[string]string{"reference": "."}
	examples, _ := filepath.Glob("examples/*/cdktf.json")
	for _, e := range examples {
		dir := filepath.Dir(e)
		apps[filepath.Base(dir)] = dir
	}
	for name, dir := range apps {
		cmd := exec.Command("go", "run", ".")
		cmd.Dir = dir
		// CDKTF_OUTDIR is how the cdktf CLI tells an app where to synthesize.
		cmd.Env = append(os.Environ(), "CDKTF_OUTDIR="+filepath.Join(out, name), "CDKTF_CONTEXT_JSON={}")
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		if err := cmd.Run(); err != nil {
			fail(fmt.Errorf("synth %s: %w", name, err))
		}
		fmt.Fprintf(os.Stderr, "synthesized %s into %s\n", name, strings.TrimPrefix(filepath.Join(out, name), out+"/"))
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "error:", err)
	os.Exit(1)
}

package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
)

// globalHomes are the services whose API one region serves for the whole
// partition, whatever region signs the request: they fail with that region.
// With a custom endpoint (the emulator) the AWS provider signs them with
// the stack's own region, so the proxy goes by service name. Global
// Accelerator's and Route 53 ARC's configuration APIs live in us-west-2.
var globalHomes = map[string]string{
	"iam":                             "us-east-1",
	"route53":                         "us-east-1",
	"route53domains":                  "us-east-1",
	"cloudfront":                      "us-east-1",
	"organizations":                   "us-east-1",
	"shield":                          "us-east-1",
	"health":                          "us-east-1",
	"globalaccelerator":               "us-west-2",
	"route53-recovery-control-config": "us-west-2",
}

// ServingRegion is the region whose outage takes down a request signed for
// region and service: a global service's home, else the signing region
// (STS included: the provider calls its regional endpoint; the global one
// is signed for us-east-1).
func ServingRegion(region, service string) string {
	if home, ok := globalHomes[service]; ok {
		return home
	}
	return region
}

// Outage is a reverse proxy in front of the emulator that simulates the
// loss of one region as AWS fails: every request the region serves fails at
// once — one signed for it, and one to a global service homed there (IAM
// and Route 53 for us-east-1) whatever region signed it — with HTTP 403 and
// an explanatory body (a non-retryable error, so a stack that still needs
// the region fails in seconds, naming the call, instead of retrying).
type Outage struct {
	// URL is the proxy's endpoint: point providers and SDKs at it.
	URL string

	t       testing.TB
	target  string // the emulator
	mu      sync.Mutex
	down    string
	blocked []string
}

// StartOutage starts a proxy to target (the emulator's URL), with every
// region up; it stops when the test ends.
func StartOutage(t testing.TB, target string) *Outage {
	t.Helper()
	u, err := url.Parse(target)
	if err != nil {
		t.Fatal(err)
	}
	o := &Outage{t: t, target: target}
	proxy := httputil.NewSingleHostReverseProxy(u)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if msg := o.check(r); msg != "" {
			http.Error(w, msg, http.StatusForbidden)
			return
		}
		proxy.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	o.URL = srv.URL
	return o
}

// Down takes region down; Up brings every region back. Both reset the
// record of refused calls.
func (o *Outage) Down(region string) { o.set(region) }

// Up lifts the outage.
func (o *Outage) Up() { o.set("") }

func (o *Outage) set(region string) {
	o.mu.Lock()
	o.down, o.blocked = region, nil
	o.mu.Unlock()
	o.unreachable(region)
}

// unreachable tells the emulator which region's endpoints (NLBs, Elastic
// IPs) Route 53's health checkers can no longer reach, so that health
// checks and DNS answers follow the outage as they would on AWS
// (scripts/emulator/route53health.py).
func (o *Outage) unreachable(region string) {
	regions := []string{}
	if region != "" {
		regions = append(regions, region)
	}
	body, _ := json.Marshal(map[string][]string{"regions": regions})
	resp, err := http.Post(o.target+"/_multiregion/unreachable", "application/json", bytes.NewReader(body))
	if err != nil {
		o.t.Fatalf("emulator: setting the unreachable regions: %v", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		msg, _ := io.ReadAll(resp.Body)
		o.t.Fatalf("emulator: setting the unreachable regions: %s: %s", resp.Status, msg)
	}
}

// Blocked lists the calls refused since the outage began, as
// "service signed-region action".
func (o *Outage) Blocked() []string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return slices.Clone(o.blocked)
}

var credentialScope = regexp.MustCompile(`Credential=[^/,\s]+/\d{8}/([a-z0-9-]+)/([a-z0-9-]+)/aws4_request`)

// Scope returns the region and service a request is signed for, from the
// Authorization header or a presigned URL's X-Amz-Credential.
func Scope(r *http.Request) (region, service string) {
	m := credentialScope.FindStringSubmatch(r.Header.Get("Authorization"))
	if m == nil {
		if c := r.URL.Query().Get("X-Amz-Credential"); c != "" {
			m = credentialScope.FindStringSubmatch("Credential=" + c)
		}
	}
	if m == nil {
		return "", ""
	}
	return m[1], m[2]
}

// check returns why r must fail, or "" to let it through.
func (o *Outage) check(r *http.Request) string {
	region, service := Scope(r)
	o.mu.Lock()
	defer o.mu.Unlock()
	serving := ServingRegion(region, service)
	if o.down != "" && region == "" {
		// Nothing the stacks or the runbook send is unsigned; one that is
		// cannot be placed in a region, so it cannot pass an outage either.
		serving = "an unknown region (unsigned request)"
	} else if o.down == "" || serving != o.down {
		return ""
	}
	call := fmt.Sprintf("%s %s %s", service, region, action(r))
	o.blocked = append(o.blocked, call)
	return fmt.Sprintf("RegionOutage: %s is down (simulated by the e2e outage proxy); refused %s (served by %s)", o.down, call, serving)
}

// action names the API call: the JSON protocol's X-Amz-Target, the query
// protocol's Action (the body is read and put back), else method and path.
func action(r *http.Request) string {
	if t := r.Header.Get("X-Amz-Target"); t != "" {
		return t[strings.LastIndexByte(t, '.')+1:]
	}
	if a := r.URL.Query().Get("Action"); a != "" {
		return a
	}
	if r.Body != nil && strings.HasPrefix(r.Header.Get("Content-Type"), "application/x-www-form-urlencoded") {
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		if v, err := url.ParseQuery(string(body)); err == nil && v.Get("Action") != "" {
			return v.Get("Action")
		}
	}
	return r.Method + " " + r.URL.Path
}

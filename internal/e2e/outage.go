package e2e

import (
	"bytes"
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

// GlobalServices are let through an outage whatever region signs them.
// IAM and Route 53 are partition-global: against AWS every caller signs
// them with us-east-1, so failing them would make any region's deploy look
// dependent on us-east-1. That is a real risk (their control planes are
// hosted there), which the drill does not hide: it records every global
// call let through during the outage and asserts they were all reads, so a
// real us-east-1 outage could at worst delay a refresh, never block a
// change the failover needs. Caveat: with a custom endpoint (the
// emulator), provider 5.100 signs IAM with the stack's own region, so such
// calls pass by region and are not recorded; the drill logs the count.
// STS is not listed: its global endpoint lives in us-east-1, and the
// provider calls the regional one.
var GlobalServices = []string{"iam", "route53"}

// Outage is a reverse proxy in front of the emulator that simulates the
// loss of one region: every request whose SigV4 credential scope names
// that region fails at once with HTTP 403 and an explanatory body (a
// non-retryable error, so a stack that still needs the region fails in
// seconds, naming the call, instead of retrying for minutes).
type Outage struct {
	// URL is the proxy's endpoint: point providers and SDKs at it.
	URL string

	mu      sync.Mutex
	down    string
	blocked []string
	global  []string
}

// StartOutage starts a proxy to target (the emulator's URL), with every
// region up; it stops when the test ends.
func StartOutage(t testing.TB, target string) *Outage {
	t.Helper()
	u, err := url.Parse(target)
	if err != nil {
		t.Fatal(err)
	}
	o := &Outage{}
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
// records of blocked and global calls.
func (o *Outage) Down(region string) { o.set(region) }

// Up lifts the outage.
func (o *Outage) Up() { o.set("") }

func (o *Outage) set(region string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.down, o.blocked, o.global = region, nil, nil
}

// Blocked lists the calls refused since the outage began, as
// "service region action".
func (o *Outage) Blocked() []string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return slices.Clone(o.blocked)
}

// GlobalCalls lists the global-service calls let through during the
// outage, as "service region action".
func (o *Outage) GlobalCalls() []string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return slices.Clone(o.global)
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
	if o.down == "" || region != o.down {
		return ""
	}
	call := fmt.Sprintf("%s %s %s", service, region, action(r))
	if slices.Contains(GlobalServices, service) {
		o.global = append(o.global, call)
		return ""
	}
	o.blocked = append(o.blocked, call)
	return fmt.Sprintf("RegionOutage: %s is down (simulated by the e2e outage proxy); refused %s", region, call)
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

// IsRead reports whether a recorded call's action only reads.
func IsRead(call string) bool {
	f := strings.Fields(call)
	if len(f) < 3 {
		return false
	}
	for _, p := range []string{"Get", "List", "Describe", "GET "} {
		if strings.HasPrefix(strings.Join(f[2:], " "), p) {
			return true
		}
	}
	return false
}

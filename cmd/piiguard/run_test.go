package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestRunRefusesBadSecurityConfigBeforeConnecting(t *testing.T) {
	dir := t.TempDir()
	config := func(yaml string) string {
		p := filepath.Join(dir, strings.ReplaceAll(t.Name(), "/", "_")+".yaml")
		if err := os.WriteFile(p, []byte(yaml), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tests := map[string]struct {
		args []string
		env  map[string]string
		yaml string
		want string
	}{
		"scram without user and password": {args: []string{"--sasl-mechanism", "scram-sha-512"},
			want: "SASL SCRAM-SHA-512 needs a user"},
		"scram without password": {args: []string{"--sasl-mechanism", "scram-sha-256", "--sasl-username", "svc"},
			want: "needs a password"},
		"plain without user": {env: map[string]string{"PIIGUARD_SASL_MECHANISM": "plain", "PIIGUARD_SASL_PASSWORD": "s3cr3t-pw"},
			want: "SASL PLAIN needs a user"},
		"config file without password": {yaml: "sasl:\n  mechanism: SCRAM-SHA-512\n  username: svc\n",
			want: "needs a password"},
		"unknown mechanism": {args: []string{"--sasl-mechanism", "gssapi", "--sasl-username", "svc", "--sasl-password", "s3cr3t-pw"},
			want: `SASL mechanism "gssapi"`},
		"password without mechanism": {args: []string{"--sasl-password", "s3cr3t-pw"},
			want: "without a mechanism"},
		"tls files while tls is off": {yaml: "tls:\n  ca_file: /etc/ssl/ca.pem\n",
			want: "TLS is off"},
		"client certificate without key": {yaml: "tls:\n  enabled: true\n  cert_file: /etc/ssl/client.pem\n",
			want: "both tls.cert_file and tls.key_file"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			// Nobody listens on port 1: a configuration that got as far as connecting would retry, not exit 2.
			args := append([]string{"run", "--brokers", "127.0.0.1:1", "--ephemeral-key"}, tc.args...)
			if tc.yaml != "" {
				args = append(args, "--config", config(tc.yaml))
			}
			var out, errb bytes.Buffer
			env := &environ{stdin: strings.NewReader(""), stdout: &out, stderr: &errb,
				getenv: func(k string) string { return tc.env[k] }}
			code := dispatch(env, args)
			assert.Equal(t, exitUsage, code, errb.String())
			assert.Contains(t, errb.String(), tc.want)
			assert.NotContains(t, errb.String(), "s3cr3t-pw", "no secret in an error")
		})
	}
}

func TestNewLoggerFormats(t *testing.T) {
	tests := map[string]struct {
		format, want string
		bad          bool
	}{
		"default is json": {format: "", want: `{"time":`},
		"json":            {format: "json", want: `"msg":"hello","count":3}`},
		"text":            {format: "text", want: `msg=hello count=3`},
		"upper case":      {format: "JSON", want: `"msg":"hello"`},
		"unknown":         {format: "xml", bad: true},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			var errb bytes.Buffer
			l, err := newLogger(&environ{stderr: &errb}, "info", tc.format)
			if tc.bad {
				assert.ErrorContains(t, err, "want json or text")
				return
			}
			if !assert.NoError(t, err) {
				return
			}
			l.Info("hello", "count", 3)
			l.Debug("hidden at info")
			assert.Contains(t, errb.String(), tc.want)
			assert.NotContains(t, errb.String(), "hidden")
		})
	}
}

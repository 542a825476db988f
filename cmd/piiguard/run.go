package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/piiguard/piiguard/engine"
	"github.com/piiguard/piiguard/engine/stream"
)

// runConfig is the configuration of `piiguard run`. Precedence: flags over PIIGUARD_* environment variables over
// the --config file over the defaults.
type runConfig struct {
	Brokers         []string `yaml:"brokers"`
	InTopics        []string `yaml:"in_topics"`
	OutTopic        string   `yaml:"out_topic"`
	ComplianceTopic string   `yaml:"compliance_topic"`
	DLQTopic        string   `yaml:"dlq_topic"`
	RestrictedTopic string   `yaml:"restricted_topic"`
	SubjectsTopic   string   `yaml:"subjects_topic"`
	Group           string   `yaml:"group"`
	Workers         int      `yaml:"workers"`
	MaxInFlight     int      `yaml:"max_in_flight"`
	MaxRecordBytes  int      `yaml:"max_record_bytes"`
	ProcessTimeout  string   `yaml:"process_timeout"`
	ExactlyOnce     bool     `yaml:"exactly_once"`
	MetricsAddr     string   `yaml:"metrics_addr"`
	KeyFile         string   `yaml:"key_file"`
	Policy          string   `yaml:"policy"`
	Rules           []string `yaml:"rules"`
	LogLevel        string   `yaml:"log_level"`
	LogFormat       string   `yaml:"log_format"`
	TLS             struct {
		Enabled            bool   `yaml:"enabled"`
		CAFile             string `yaml:"ca_file"`
		CertFile           string `yaml:"cert_file"`
		KeyFile            string `yaml:"key_file"`
		InsecureSkipVerify bool   `yaml:"insecure_skip_verify"`
	} `yaml:"tls"`
	SASL struct {
		Mechanism string `yaml:"mechanism"`
		Username  string `yaml:"username"`
		Password  string `yaml:"password"`
	} `yaml:"sasl"`
}

// envVars maps PIIGUARD_* variables to the flags they stand for.
var envVars = map[string]string{
	"PIIGUARD_BROKERS": "brokers", "PIIGUARD_IN_TOPICS": "in-topics", "PIIGUARD_OUT_TOPIC": "out-topic",
	"PIIGUARD_COMPLIANCE_TOPIC": "compliance-topic", "PIIGUARD_DLQ_TOPIC": "dlq-topic", "PIIGUARD_GROUP": "group",
	"PIIGUARD_WORKERS": "workers", "PIIGUARD_EXACTLY_ONCE": "exactly-once", "PIIGUARD_METRICS_ADDR": "metrics-addr",
	"PIIGUARD_POLICY": "policy", "PIIGUARD_LOG_LEVEL": "log-level", "PIIGUARD_LOG_FORMAT": "log-format", "PIIGUARD_SASL_MECHANISM": "sasl-mechanism",
	"PIIGUARD_SASL_USERNAME": "sasl-username", "PIIGUARD_SASL_PASSWORD": "sasl-password", "PIIGUARD_TLS": "tls",
	"PIIGUARD_MAX_RECORD_BYTES": "max-record-bytes", "PIIGUARD_RESTRICTED_TOPIC": "restricted-topic",
	"PIIGUARD_SUBJECTS_TOPIC": "subjects-topic",
}

func runRun(env *environ, args []string) int {
	fs := newFlags(env, "run", "run [flags]",
		"Processes the raw Kafka topic into the redacted, compliance and dead-letter topics until interrupted.",
		"Precedence: flags, then PIIGUARD_* variables, then the --config file, then the defaults.")
	configFile := fs.String("config", "", "YAML configuration `FILE` (flags and PIIGUARD_* variables override it)")
	var pf pipelineFlags
	pf.register(fs)
	brokers := fs.String("brokers", "127.0.0.1:9092", "Kafka bootstrap `HOST:PORT` list, comma-separated")
	inTopics := fs.String("in-topics", "interactions.raw", "raw `TOPICS` to consume, comma-separated")
	outTopic := fs.String("out-topic", "interactions.redacted", "redacted output `TOPIC`")
	complianceTopic := fs.String("compliance-topic", "interactions.compliance", "compliance events `TOPIC`")
	dlqTopic := fs.String("dlq-topic", "interactions.dlq", "dead-letter `TOPIC`")
	restrictedTopic := fs.String("restricted-topic", stream.DefaultRestrictedTopic,
		"`TOPIC` for records of subjects who objected, asked for restriction or erasure")
	subjectsTopic := fs.String("subjects-topic", stream.DefaultSubjectsTopic,
		"compacted subject-state `TOPIC` (created when missing)")
	group := fs.String("group", "piiguard", "consumer `GROUP`")
	workers := fs.Int("workers", 0, "records processed in parallel (default GOMAXPROCS)")
	exactlyOnce := fs.Bool("exactly-once", false, "consume-transform-produce in Kafka transactions")
	metricsAddr := fs.String("metrics-addr", "", "serve /metrics, /healthz and /readyz on `HOST:PORT`")
	logLevel := fs.String("log-level", "info", "debug, info, warn or error")
	logFormat := fs.String("log-format", "json", "log lines on stderr as json (one object a line) or text (key=value)")
	useTLS := fs.Bool("tls", false, "connect with TLS (system roots unless the config names a CA file)")
	saslMech := fs.String("sasl-mechanism", "", "plain, scram-sha-256 or scram-sha-512")
	saslUser := fs.String("sasl-username", "", "SASL user")
	saslPass := fs.String("sasl-password", "", "SASL password (prefer PIIGUARD_SASL_PASSWORD)")
	if code, done := parseFlags(env, fs, args); done {
		return code
	}
	if fs.NArg() > 0 {
		return badArgs(env, fs, fmt.Sprintf("unexpected argument %q", fs.Arg(0)))
	}
	// Defaults, then the file, then the environment, then the flags the user set.
	cfg := runConfig{Brokers: split(*brokers), InTopics: split(*inTopics), OutTopic: *outTopic,
		ComplianceTopic: *complianceTopic, DLQTopic: *dlqTopic, RestrictedTopic: *restrictedTopic, SubjectsTopic: *subjectsTopic,
		Group: *group, LogLevel: *logLevel, LogFormat: *logFormat, MaxRecordBytes: pf.maxRecord}
	if *configFile != "" {
		data, err := os.ReadFile(*configFile)
		if err != nil {
			fmt.Fprintf(env.stderr, "piiguard run: %v\n", err)
			return exitUsage
		}
		if err := parseRunConfig(*configFile, data, &cfg); err != nil {
			fmt.Fprintf(env.stderr, "piiguard run: %v\n", err)
			return exitUsage
		}
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	for v, name := range envVars {
		if val := env.getenv(v); val != "" && !set[name] {
			if err := fs.Set(name, val); err != nil {
				fmt.Fprintf(env.stderr, "piiguard run: %s: %v\n", v, err)
				return exitUsage
			}
			set[name] = true
		}
	}
	apply := map[string]func(){
		"brokers": func() { cfg.Brokers = split(*brokers) }, "in-topics": func() { cfg.InTopics = split(*inTopics) },
		"out-topic": func() { cfg.OutTopic = *outTopic }, "compliance-topic": func() { cfg.ComplianceTopic = *complianceTopic },
		"dlq-topic": func() { cfg.DLQTopic = *dlqTopic }, "group": func() { cfg.Group = *group },
		"restricted-topic": func() { cfg.RestrictedTopic = *restrictedTopic },
		"subjects-topic":   func() { cfg.SubjectsTopic = *subjectsTopic },
		"workers":          func() { cfg.Workers = *workers }, "exactly-once": func() { cfg.ExactlyOnce = *exactlyOnce },
		"metrics-addr": func() { cfg.MetricsAddr = *metricsAddr }, "log-level": func() { cfg.LogLevel = *logLevel },
		"log-format": func() { cfg.LogFormat = *logFormat },
		"tls":        func() { cfg.TLS.Enabled = *useTLS }, "sasl-mechanism": func() { cfg.SASL.Mechanism = *saslMech },
		"sasl-username": func() { cfg.SASL.Username = *saslUser }, "sasl-password": func() { cfg.SASL.Password = *saslPass },
		"key-file": func() { cfg.KeyFile = pf.keyFile }, "policy": func() { cfg.Policy = pf.policy },
		"rules": func() { cfg.Rules = pf.rules }, "max-record-bytes": func() { cfg.MaxRecordBytes = pf.maxRecord },
	}
	for name := range set {
		if f, ok := apply[name]; ok {
			f()
		}
	}
	pf.keyFile, pf.policy, pf.rules, pf.maxRecord = cfg.KeyFile, cfg.Policy, cfg.Rules, cfg.MaxRecordBytes
	if err := cfg.validateSecurity(); err != nil {
		fmt.Fprintf(env.stderr, "piiguard run: %v\n", err)
		return exitUsage
	}

	logger, err := newLogger(env, cfg.LogLevel, cfg.LogFormat)
	if err != nil {
		fmt.Fprintf(env.stderr, "piiguard run: %v\n", err)
		return exitUsage
	}
	p, err := pf.pipeline(env)
	if err != nil {
		fmt.Fprintf(env.stderr, "piiguard run: %v\n", err)
		return exitUsage
	}
	opts, err := cfg.streamOpts(logger)
	if err != nil {
		fmt.Fprintf(env.stderr, "piiguard run: %v\n", err)
		return exitUsage
	}
	opts = append(opts, stream.EntityTypes(ruleTypes(pf.set)...), stream.RulesVersion(p.Scanner().Version()))
	eng, err := stream.New(engine.NewStreamProcessor(p), opts...)
	if err != nil {
		fmt.Fprintf(env.stderr, "piiguard run: %v\n", err)
		return exitUsage
	}
	ctx, stop := signalContext(env)
	defer stop()
	if cfg.MetricsAddr != "" {
		ln, err := net.Listen("tcp", cfg.MetricsAddr)
		if err != nil {
			fmt.Fprintf(env.stderr, "piiguard run: metrics address: %v\n", err)
			return exitUsage
		}
		srv := &http.Server{Handler: eng.Handler(), ReadHeaderTimeout: 5 * time.Second}
		go srv.Serve(ln)
		defer srv.Close()
		logger.Info("serving metrics", "addr", ln.Addr().String())
	}
	logger.Info("piiguard run starting", "brokers", strings.Join(cfg.Brokers, ","), "in", strings.Join(cfg.InTopics, ","),
		"out", cfg.OutTopic, "group", cfg.Group, "exactly_once", cfg.ExactlyOnce, "rules", p.Scanner().Version())
	if err := eng.Run(ctx); err != nil && !errors.Is(err, context.Canceled) {
		logger.Error("piiguard run stopped", "err", err.Error())
		return exitRuntime
	}
	logger.Info("piiguard run stopped cleanly")
	return exitOK
}

// parseRunConfig reads a YAML configuration strictly (unknown keys are errors) over cfg.
func parseRunConfig(name string, data []byte, cfg *runConfig) error {
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	if err := dec.Decode(cfg); err != nil {
		return fmt.Errorf("%s: %s", name, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	return nil
}

// validateSecurity checks the TLS and SASL settings before anything connects, so that a configuration that
// cannot work stops the start with exit code 2 instead of retrying authentication against the brokers. Errors
// name the setting (flag, variable and YAML key), never a secret.
func (c *runConfig) validateSecurity() error {
	s := c.SASL
	switch strings.ToLower(s.Mechanism) {
	case "":
		if s.Username != "" || s.Password != "" {
			return errors.New("SASL user or password given without a mechanism: set --sasl-mechanism " +
				"(PIIGUARD_SASL_MECHANISM, sasl.mechanism): plain, scram-sha-256 or scram-sha-512")
		}
	case "plain", "scram-sha-256", "scram-sha-512":
		var missing []string
		if s.Username == "" {
			missing = append(missing, "user (--sasl-username, PIIGUARD_SASL_USERNAME, sasl.username)")
		}
		if s.Password == "" {
			missing = append(missing, "password (PIIGUARD_SASL_PASSWORD, --sasl-password, sasl.password)")
		}
		if len(missing) > 0 {
			return fmt.Errorf("SASL %s needs a %s", strings.ToUpper(s.Mechanism), strings.Join(missing, " and a "))
		}
	default:
		return fmt.Errorf("SASL mechanism %q: want plain, scram-sha-256 or scram-sha-512", s.Mechanism)
	}
	t := c.TLS
	if !t.Enabled && (t.CAFile != "" || t.CertFile != "" || t.KeyFile != "" || t.InsecureSkipVerify) {
		return errors.New("tls settings given but TLS is off: set --tls (PIIGUARD_TLS, tls.enabled: true)")
	}
	if (t.CertFile == "") != (t.KeyFile == "") {
		return errors.New("tls client certificate needs both tls.cert_file and tls.key_file")
	}
	return nil
}

func (c *runConfig) streamOpts(logger *slog.Logger) ([]stream.Opt, error) {
	opts := []stream.Opt{stream.Brokers(c.Brokers...), stream.InTopics(c.InTopics...), stream.OutTopic(c.OutTopic),
		stream.ComplianceTopic(c.ComplianceTopic), stream.DLQTopic(c.DLQTopic), stream.RestrictedTopic(c.RestrictedTopic),
		stream.SubjectsTopic(c.SubjectsTopic), stream.Group(c.Group),
		stream.ExactlyOnce(c.ExactlyOnce), stream.Logger(logger), stream.MaxRecordBytes(c.MaxRecordBytes)}
	if c.Workers > 0 {
		opts = append(opts, stream.Workers(c.Workers))
	}
	if c.MaxInFlight > 0 {
		opts = append(opts, stream.MaxInFlight(c.MaxInFlight))
	}
	if c.ProcessTimeout != "" {
		d, err := time.ParseDuration(c.ProcessTimeout)
		if err != nil {
			return nil, fmt.Errorf("process_timeout: %v", err)
		}
		opts = append(opts, stream.ProcessTimeout(d))
	}
	if c.TLS.Enabled {
		tc := &tls.Config{MinVersion: tls.VersionTLS12, InsecureSkipVerify: c.TLS.InsecureSkipVerify}
		if c.TLS.CAFile != "" {
			pem, err := os.ReadFile(c.TLS.CAFile)
			if err != nil {
				return nil, fmt.Errorf("tls ca_file: %w", err)
			}
			tc.RootCAs = x509.NewCertPool()
			if !tc.RootCAs.AppendCertsFromPEM(pem) {
				return nil, errors.New("tls ca_file: no certificates found")
			}
		}
		if c.TLS.CertFile != "" {
			cert, err := tls.LoadX509KeyPair(c.TLS.CertFile, c.TLS.KeyFile)
			if err != nil {
				return nil, fmt.Errorf("tls client certificate: %w", err)
			}
			tc.Certificates = []tls.Certificate{cert}
		}
		opts = append(opts, stream.TLS(tc))
	}
	if c.SASL.Mechanism != "" {
		opts = append(opts, stream.SASL(c.SASL.Mechanism, c.SASL.Username, c.SASL.Password))
	}
	return opts, nil
}

// newLogger returns the slog logger of run on stderr: level debug, info, warn or error; format json (the
// default, also for "") or text.
func newLogger(env *environ, level, format string) (*slog.Logger, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil {
		return nil, fmt.Errorf("log level %q: want debug, info, warn or error", level)
	}
	opts := &slog.HandlerOptions{Level: l}
	switch strings.ToLower(format) {
	case "", "json":
		return slog.New(slog.NewJSONHandler(env.stderr, opts)), nil
	case "text":
		return slog.New(slog.NewTextHandler(env.stderr, opts)), nil
	}
	return nil, fmt.Errorf("log format %q: want json or text", format)
}

// signalContext is cancelled by the first SIGINT or SIGTERM (graceful shutdown); a second one exits at once.
func signalContext(env *environ) (context.Context, func()) {
	ctx, cancel := context.WithCancel(context.Background())
	ch := make(chan os.Signal, 2)
	signal.Notify(ch, syscall.SIGINT, syscall.SIGTERM)
	go func() {
		select {
		case <-ch:
		case <-ctx.Done():
			return
		}
		fmt.Fprintln(env.stderr, "piiguard: stopping: finishing in-flight records (signal again to exit at once)")
		cancel()
		<-ch
		fmt.Fprintln(env.stderr, "piiguard: second signal: exiting now")
		os.Exit(130)
	}()
	return ctx, func() { signal.Stop(ch); cancel() }
}

func split(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

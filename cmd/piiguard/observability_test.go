package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"
)

// promSeries are the series a query may use that Prometheus makes itself, not the engine.
var promSeries = map[string]bool{"up": true}

var metricRef = regexp.MustCompile(`\b(piiguard_[a-z0-9_]+|up)\b`)

// queryProblems lists the metrics expr names that are not in exported, or says that it names none.
func queryProblems(expr string, exported map[string]bool) []string {
	refs := metricRef.FindAllString(expr, -1)
	if len(refs) == 0 {
		return []string{"queries no piiguard metric"}
	}
	var problems []string
	for _, name := range refs {
		if promSeries[name] {
			continue
		}
		if !exported[name] {
			problems = append(problems, name+" is not a metric the engine exports")
		}
	}
	return problems
}

func checkQuery(t *testing.T, where, expr string, exported map[string]bool) {
	t.Helper()
	assert.Empty(t, queryProblems(expr, exported), "%s: %q", where, expr)
}

// TestDashboardAndAlertsQueryExportedMetrics checks deploy/grafana/piiguard.json and deploy/prometheus/alerts.yaml
// against the metrics engine/stream registers: a metric renamed or dropped in the engine fails here.
func TestDashboardAndAlertsQueryExportedMetrics(t *testing.T) {
	_, exported := testEngine(t)
	require.Contains(t, exported, "piiguard_records_consumed_total")

	data, err := os.ReadFile(filepath.Join(repoRoot, "deploy", "grafana", "piiguard.json"))
	require.NoError(t, err)
	var dash struct {
		UID    string `json:"uid"`
		Panels []struct {
			Title   string `json:"title"`
			Targets []struct {
				Expr string `json:"expr"`
			} `json:"targets"`
		} `json:"panels"`
		Templating struct {
			List []struct {
				Name       string `json:"name"`
				Definition string `json:"definition"`
			} `json:"list"`
		} `json:"templating"`
	}
	require.NoError(t, json.Unmarshal(data, &dash))
	assert.Equal(t, "piiguard", dash.UID)
	require.NotEmpty(t, dash.Panels)
	queried := map[string]bool{}
	for _, p := range dash.Panels {
		require.NotEmpty(t, p.Targets, p.Title)
		for _, tg := range p.Targets {
			checkQuery(t, "dashboard panel "+p.Title, tg.Expr, exported)
			for _, m := range metricRef.FindAllString(tg.Expr, -1) {
				queried[m] = true
			}
		}
	}
	for _, v := range dash.Templating.List {
		if v.Definition != "" {
			checkQuery(t, "dashboard variable "+v.Name, v.Definition, exported)
		}
	}
	for _, m := range []string{"piiguard_consumer_lag_records", "piiguard_records_dead_lettered_total",
		"piiguard_broker_ready", "piiguard_processing_duration_seconds_bucket", "piiguard_detections_total",
		"piiguard_ready", "piiguard_consumer_partition_lag_records", "piiguard_records_processed_total", "piiguard_rules_info"} {
		assert.True(t, queried[m], "the dashboard shows %s", m)
	}

	data, err = os.ReadFile(filepath.Join(repoRoot, "deploy", "prometheus", "alerts.yaml"))
	require.NoError(t, err)
	var rules struct {
		Groups []struct {
			Name  string `yaml:"name"`
			Rules []struct {
				Alert       string            `yaml:"alert"`
				Expr        string            `yaml:"expr"`
				For         string            `yaml:"for"`
				Labels      map[string]string `yaml:"labels"`
				Annotations map[string]string `yaml:"annotations"`
			} `yaml:"rules"`
		} `yaml:"groups"`
	}
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	require.NoError(t, dec.Decode(&rules))
	alerts := map[string]string{}
	for _, g := range rules.Groups {
		for _, r := range g.Rules {
			alerts[r.Alert] = r.Expr
			checkQuery(t, "alert "+r.Alert, r.Expr, exported)
			_, err := time.ParseDuration(r.For)
			assert.NoError(t, err, "alert %s: for", r.Alert)
			assert.Contains(t, []string{"warning", "critical"}, r.Labels["severity"], "alert %s", r.Alert)
			assert.NotEmpty(t, r.Annotations["summary"], "alert %s", r.Alert)
		}
	}
	tests := map[string]string{ // alert: the metric it must watch
		"PiiguardConsumerLagGrowing": "piiguard_consumer_lag_records",
		"PiiguardDeadLetterRate":     "piiguard_records_dead_lettered_total",
		"PiiguardNotReady":           "piiguard_ready",
	}
	for alert, metric := range tests {
		t.Run(alert, func(t *testing.T) {
			require.Contains(t, alerts, alert)
			assert.Contains(t, alerts[alert], metric)
		})
	}
}

func TestCheckQueryRejectsUnknownMetric(t *testing.T) {
	exported := map[string]bool{"piiguard_records_consumed_total": true, "piiguard_processing_duration_seconds_bucket": true}
	tests := map[string]struct {
		expr string
		ok   bool
	}{
		"exported":       {"rate(piiguard_records_consumed_total[5m])", true},
		"histogram":      {"histogram_quantile(0.99, rate(piiguard_processing_duration_seconds_bucket[5m]))", true},
		"prometheus up":  {`up{job="piiguard"} == 0`, true},
		"renamed metric": {"rate(piiguard_records_read_total[5m])", false},
		"bad suffix":     {"piiguard_records_consumed_total_bucket", false},
		"no metric":      {"vector(1)", false},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			problems := queryProblems(tc.expr, exported)
			assert.Equal(t, tc.ok, len(problems) == 0, "%v", problems)
		})
	}
}

{{/* Chart name, truncated to the 63 characters Kubernetes names allow. */}}
{{- define "licence-reminder.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Fully qualified app name. */}}
{{- define "licence-reminder.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "licence-reminder.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "licence-reminder.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "licence-reminder.selectorLabels" -}}
app.kubernetes.io/name: {{ include "licence-reminder.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "licence-reminder.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{/*
Refuses settings that would break the service: the embedded store is one process's file, so more
than one replica (or an autoscaler) needs the external MongoDB.
*/}}
{{- define "licence-reminder.validate" -}}
{{- if and (not .Values.mongodb.existingSecret) (or (gt (int .Values.replicaCount) 1) .Values.autoscaling.enabled) }}
{{- fail "licence-reminder: replicaCount > 1 or autoscaling.enabled needs an external MongoDB: set mongodb.existingSecret (a Secret whose key mongodb.uriKey holds the connection string). Without it the service uses its embedded single-instance store." }}
{{- end }}
{{- if and .Values.serviceMonitor.enabled (not .Values.serviceMonitor.basicAuth.secretName) }}
{{- fail "licence-reminder: serviceMonitor.enabled needs serviceMonitor.basicAuth.secretName: /actuator/prometheus requires the administrator's HTTP Basic login." }}
{{- end }}
{{- end }}

{{/* The calendar files, name -> content: the chart's copies of config/calendar, then config.calendar (which wins). */}}
{{- define "licence-reminder.calendar" -}}
{{- $calendar := dict }}
{{- range $path, $_ := .Files.Glob "files/calendar/*.yml" }}
{{- $_ := set $calendar (base $path) ($.Files.Get $path) }}
{{- end }}
{{- range $name, $content := .Values.config.calendar }}
{{- $_ := set $calendar $name $content }}
{{- end }}
{{- toYaml $calendar }}
{{- end }}

#!/usr/bin/env bash
# The test environment of this machine kind, sourced by .ci/run and the developers' checks
# (.ci/repeat-check.sh): offline images, Testcontainers on loopback, no instance metadata, the
# Terraform provider's local mirror.
# No container registry is reachable here: every image comes from docker/offline-images.sh.
set -a; . docker/offline.env; set +a
# Inside a container (/.dockerenv), Testcontainers would talk to the bridge gateway; ports are on loopback.
if [ -f /.dockerenv ]; then export TESTCONTAINERS_HOST_OVERRIDE=localhost; fi
# Never ask the EC2 instance metadata service for credentials or a region from here.
export AWS_EC2_METADATA_DISABLED=true
# terraform validate needs the AWS provider; offline it comes from a local mirror when there is one.
if [ -z "${BDI_TERRAFORM_PLUGIN_DIR:-}" ] && [ -d /opt/tf-plugins ]; then
  export BDI_TERRAFORM_PLUGIN_DIR=/opt/tf-plugins
fi

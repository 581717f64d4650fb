'use strict';
/* The article's manifests (src/main/resources/examples/), as the objects the buttons send. */
const MANIFESTS = {
  statefulSet: {
    apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: {name: 'nginx'},
    spec: {
      selector: {matchLabels: {app: 'nginx'}}, serviceName: 'nginx', replicas: 3,
      template: {
        metadata: {labels: {app: 'nginx'}},
        spec: {
          terminationGracePeriodSeconds: 10,
          containers: [{name: 'nginx', image: 'k8s.gcr.io/nginx-slim:0.8', ports: [{containerPort: 80, name: 'web'}],
            volumeMounts: [{name: 'www', mountPath: '/usr/share/nginx/html'}]}]
        }
      },
      volumeClaimTemplates: [{metadata: {name: 'www'},
        spec: {accessModes: ['ReadWriteOnce'], storageClassName: 'standard', resources: {requests: {storage: '1Gi'}}}}]
    }
  },
  sharedClaim: {
    apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: {name: 'helloweb-disk'},
    spec: {accessModes: ['ReadWriteOnce'], resources: {requests: {storage: '30Gi'}}}
  },
  replicationController: {
    apiVersion: 'v1', kind: 'ReplicationController', metadata: {name: 'nginx'},
    spec: {
      replicas: 3, selector: {app: 'nginx'},
      template: {
        metadata: {labels: {app: 'nginx'}},
        spec: {
          containers: [{name: 'nginx', image: 'nginx:1.7.9', ports: [{containerPort: 8090}],
            volumeMounts: [{name: 'nginx-data', mountPath: '/data/redis'}]}],
          volumes: [{name: 'nginx-data', persistentVolumeClaim: {claimName: 'helloweb-disk'}}]
        }
      }
    }
  }
};

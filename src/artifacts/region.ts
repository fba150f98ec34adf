// The region the AWS SDK and CLI take from the environment when none is given. Apart from the S3
// client so callers that only record the region do not load the SDK.

export function regionFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.AWS_REGION || env.AWS_DEFAULT_REGION || undefined;
}

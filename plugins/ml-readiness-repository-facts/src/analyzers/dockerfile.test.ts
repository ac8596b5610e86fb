import { finalStageUser, isDockerfilePath, runsAsNonRoot } from './dockerfile';

describe('Dockerfile analysis', () => {
  it('finds Dockerfiles by name', () => {
    expect(isDockerfilePath('Dockerfile')).toBe(true);
    expect(isDockerfilePath('serving/Dockerfile.gpu')).toBe(true);
    expect(isDockerfilePath('build/api.Dockerfile')).toBe(true);
    expect(isDockerfilePath('Containerfile')).toBe(true);
    expect(isDockerfilePath('docs/Dockerfile.md.txt')).toBe(true);
    expect(isDockerfilePath('src/dockerfile_utils.py')).toBe(false);
  });

  it('reads the final stage user', () => {
    expect(
      runsAsNonRoot(
        'FROM python:3.11-slim\nRUN useradd app\nUSER 10001\nCMD ["x"]',
      ),
    ).toBe(true);
    expect(runsAsNonRoot('FROM python:3.11-slim\nCMD ["x"]')).toBe(false);
    expect(runsAsNonRoot('FROM python\nUSER app\nRUN x\nUSER root')).toBe(
      false,
    );
    expect(runsAsNonRoot('FROM python\nUSER 0:0')).toBe(false);
    // Only the final stage counts.
    expect(
      runsAsNonRoot('FROM python AS build\nUSER app\nFROM python\nCMD x'),
    ).toBe(false);
    // A stage built FROM an earlier one inherits its user.
    expect(
      runsAsNonRoot('FROM python AS base\nUSER app\nFROM base\nCMD x'),
    ).toBe(true);
    expect(
      runsAsNonRoot('FROM gcr.io/distroless/python3:nonroot\nCOPY . /app'),
    ).toBe(true);
  });

  it('resolves USER from ARG and ENV, and refuses what it cannot resolve', () => {
    expect(
      finalStageUser('ARG UID=10001\nFROM python\nARG UID\nUSER ${UID}'),
    ).toBe('10001');
    expect(
      finalStageUser('FROM python\nENV APP_USER=app\nUSER $APP_USER'),
    ).toBe('app');
    expect(runsAsNonRoot('FROM python\nUSER ${WHO}')).toBe(false);
    expect(runsAsNonRoot('FROM python\nARG WHO=root\nUSER ${WHO}')).toBe(false);
  });

  it('ignores comments and joins continued lines', () => {
    expect(
      runsAsNonRoot(
        'FROM python\n# USER app\nRUN apt-get update && \\\n  apt-get install -y x\nCMD x',
      ),
    ).toBe(false);
  });
});

import type { AddressInfo } from 'node:net';
import type { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';

export type NestAdapter = 'express' | 'fastify';
export const NEST_ADAPTERS: readonly NestAdapter[] = ['express', 'fastify'];

/** A Nest application listening on a free port of 127.0.0.1, on the Express or the Fastify adapter. */
export interface RunningApp {
  app: INestApplication;
  url: string;
  /** A JSON request; the parsed body (or null) and the status. */
  call<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
}

/** `quiet` silences Nest's log of errors, for a test that makes a handler fail on purpose. */
export async function startNest(module: Type, adapter: NestAdapter, options: { quiet?: boolean } = {}): Promise<RunningApp> {
  const logger = options.quiet ? false : (['error', 'warn'] as const);
  const app = await NestFactory.create(module, adapter === 'express' ? new ExpressAdapter() : new FastifyAdapter(), { logger: logger && [...logger] });
  await app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  return { app, url, call: (method, path, body) => call(url, method, path, body) };
}

export async function call<T>(url: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(url + path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}

/** A promise the test resolves by hand: a handler waits on it to interleave requests deterministically. */
export class Gate {
  readonly opened: Promise<void>;
  open!: () => void;

  constructor() {
    this.opened = new Promise((resolve) => (this.open = resolve));
  }
}

import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", () => ({
  invoke: vi.fn(),
}));

import { invoke } from "@tauri-apps/api/core";
import { appVersion } from "./index";

const mockedInvoke = vi.mocked(invoke);

describe("ipc.appVersion", () => {
  beforeEach(() => {
    mockedInvoke.mockReset();
  });

  it("calls the app_version command with no arguments and returns its answer", async () => {
    mockedInvoke.mockResolvedValueOnce("0.1.0");

    await expect(appVersion()).resolves.toBe("0.1.0");
    expect(mockedInvoke).toHaveBeenCalledTimes(1);
    expect(mockedInvoke).toHaveBeenCalledWith("app_version");
  });

  it("passes a command failure through to the caller", async () => {
    mockedInvoke.mockRejectedValueOnce(new Error("command app_version not found"));

    await expect(appVersion()).rejects.toThrow("app_version");
  });
});

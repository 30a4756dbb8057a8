// The console's few hand-written lines: confirmation dialogs, and the alarm sound (made by the browser, no sound file).
(() => {
  document.addEventListener("click", (event) => {
    const opener = event.target.closest("[data-open-dialog]");
    if (opener) document.getElementById(opener.dataset.openDialog)?.showModal();
    const closer = event.target.closest("[data-close-dialog]");
    if (closer) closer.closest("dialog")?.close();
  });

  let audio;
  window.fleetKeys = {
    muted: () => localStorage.getItem("fleetkeys.muted") === "1",
    setMuted: (muted) => localStorage.setItem("fleetkeys.muted", muted ? "1" : "0"),
    // Two falling tones, three times: distinct from anything a browser or an operating system plays.
    chime: () => {
      try {
        audio ??= new AudioContext();
        const start = audio.currentTime;
        for (let i = 0; i < 6; i++) {
          const tone = audio.createOscillator();
          const gain = audio.createGain();
          tone.frequency.value = i % 2 === 0 ? 880 : 660;
          gain.gain.setValueAtTime(0.25, start + i * 0.22);
          gain.gain.exponentialRampToValueAtTime(0.001, start + i * 0.22 + 0.2);
          tone.connect(gain).connect(audio.destination);
          tone.start(start + i * 0.22);
          tone.stop(start + i * 0.22 + 0.21);
        }
      } catch {
        // a browser without sound (or before any user gesture) still shows the flash
      }
    },
  };
})();

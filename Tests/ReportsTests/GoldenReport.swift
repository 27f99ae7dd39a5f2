/// The golden texts of `GoldenTests`: the fixture world's Markdown report (Bahasa
/// Indonesia, 16 weeks, no forecast, generation time stripped) and its trend chart
/// (English). Regenerate from the files a failing test names, after reviewing the change.
enum GoldenReport {
    static let markdown = ##"""
# Laporan Mingguan KDKMP — Nusa Tenggara Barat

_Data per 2 Oktober 2026 · 16 minggu laporan_

**Isi**

1. Ringkasan
2. Tren zona
3. Prakiraan: kapan koperasi menjadi hijau
4. Faktor penghambat dan biayanya
5. Waktu menuju hijau per kabupaten/kota (Kaplan–Meier)
6. Daftar prioritas
7. Zona per kabupaten/kota
8. Koperasi yang berganti zona minggu ini
9. Semua koperasi
10. Kurva S pembangunan
11. Operasional dan kesehatan usaha
12. Peringatan data
13. Versi aturan, model dan data

## 1. Ringkasan

| Butir | Nilai |
| --- | ---: |
| Hijau · 15% | **3** (+2 dari minggu lalu) |
| Kuning · 70% | **14** (−3 dari minggu lalu) |
| Merah · 15% | **3** (+1 dari minggu lalu) |
| Koperasi melapor | **20** (dari 20 yang terdaftar) |
| 50% pernah hijau (P50) | **–** (tanpa prakiraan) |

Per 2 Oktober 2026, 3 dari 20 koperasi (15%) berada di zona hijau, 14 di zona kuning dan 3 di zona merah. Dibanding minggu lalu: hijau +2, kuning −3, merah +1.

Dua hitungan hijau: hijau minggu ini 3 (zona laporan minggu ini, seperti kendali status) dan pernah hijau 3 (hijau pada suatu laporan sejauh ini; prakiraan menghitung kapan koperasi pertama kali hijau). 0 koperasi pernah hijau tetapi tidak hijau minggu ini (turun zona atau tidak melapor).

Tahapan pembangunan minggu ini dan perubahannya.

| Tahap | Koperasi | Perubahan | Bagian |
| --- | ---: | ---: | ---: |
| Terdaftar | 1 | 0 | 5,0% |
| Masuk portal | 1 | 0 | 5,0% |
| Pembangunan | 13 | −1 | 65,0% |
| Bangunan selesai | 2 | −1 | 10,0% |
| Beroperasi | 3 | +2 | 15,0% |
| Di portal, lahan belum siap | 1 | 0 | 5,0% |

Data: [data/stages.csv](data/stages.csv) · [JSON](data/stages.json)

Rata-rata progres fisik 13 koperasi yang sedang membangun: 64,2%.

## 2. Tren zona

![Zona koperasi per minggu — Nusa Tenggara Barat](charts/trend.svg)

_Zona setiap koperasi pada setiap laporan, 16 minggu._

Sejak 19 Juni 2026, jumlah koperasi hijau naik dari 0 menjadi 3, dan merah berubah dari 1 menjadi 3.

## 3. Prakiraan: kapan koperasi menjadi hijau

![Koperasi hijau: teramati dan prakiraan — Nusa Tenggara Barat](charts/burnup.svg)

_Hanya data teramati._

> Belum tersedia: prakiraan tidak dijalankan untuk laporan ini.

## 4. Faktor penghambat dan biayanya

> Belum tersedia: prakiraan tidak dijalankan untuk laporan ini.

## 5. Waktu menuju hijau per kabupaten/kota (Kaplan–Meier)

![Bagian koperasi yang belum hijau](charts/km.svg)

_Waktu dihitung dari laporan pertama setiap koperasi; koperasi yang belum hijau disensor pada tanggal laporan terakhir._

| Kode | Nama | Koperasi | Sudah hijau | Median minggu |
| --- | --- | ---: | ---: | --- |
| 52 | Nusa Tenggara Barat | 20 | 3 | belum tercapai |
| 52.01 | Lombok Barat | 10 | 2 | belum tercapai |
| 52.02 | Lombok Tengah | 10 | 1 | belum tercapai |

Data: [data/time_to_green.csv](data/time_to_green.csv) · [JSON](data/time_to_green.json)

## 6. Daftar prioritas

> Belum tersedia: tidak ada peringkat prioritas yang diberikan. Buat dengan `kendali rank --format csv > prioritas.csv`, lalu `kendali report ... --priorities prioritas.csv`.

## 7. Zona per kabupaten/kota

![Zona per kabupaten/kota](charts/breakdown.svg)

_Warna makin pekat berarti bagian makin besar (setiap kolom dengan skalanya sendiri); angka selalu tertulis._

| Kode | Kabupaten/Kota | Hijau | Kuning | Merah | Total | Bagian hijau | Perubahan hijau | Di portal, lahan belum siap |
| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
| 52.01 | Lombok Barat | 2 | 8 | 0 | 10 | 20,0% | +2 | 0 |
| 52.02 | Lombok Tengah | 1 | 6 | 3 | 10 | 10,0% | 0 | 1 |

Data: [data/breakdown.csv](data/breakdown.csv) · [JSON](data/breakdown.json)

## 8. Koperasi yang berganti zona minggu ini

3 koperasi berganti zona: 1 memburuk, 2 membaik, 0 baru melapor.

| Kode | Nama | Desa | Kecamatan | Kabupaten/Kota | Dari | Menjadi | Tahap | Lahan | Alasan merah |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
| 5202022003 | \<script\>alert(1)\</script\> | Desa A\|B \*x\* \_y\_ \[z\] \& \<b\> | Pujut | Lombok Tengah | Kuning | Merah | Pembangunan | Siap | Pembangunan macet (naik \< 1 poin dalam 4 laporan) |
| 5201022004 | Koperasi Merah Putih 9 | Desa 9 | Narmada | Lombok Barat | Kuning | Hijau | Beroperasi | Siap |   |
| 5201022005 | Koperasi Merah Putih 10 | Desa 10 | Narmada | Lombok Barat | Kuning | Hijau | Beroperasi | Siap |   |

Data: [data/zone_changes.csv](data/zone_changes.csv) · [JSON](data/zone_changes.json)

## 9. Semua koperasi

20 koperasi di wilayah ini, urut kode. Ketik untuk mencari (kode 10 angka, nama, desa, kecamatan); klik judul kolom untuk mengurutkan.

Tabel ini tidak dicetak; datanya ada di data/cooperatives.csv.

| Kode | Nama | Desa | Kecamatan | Zona | Kurang untuk hijau | Tahap | Progres (%) | P50 / P90 hijau | Hambatan utama | Minggu tanpa laporan |
| --- | --- | --- | --- | --- | --- | --- | ---: | --- | --- | ---: |
| 5201012001 | Koperasi Merah Putih 1 | Desa 1 | Gerung | Kuning | infrastruktur 76/100; unit usaha 0/1 | Pembangunan | 66,0 | tanpa prakiraan | – | 0 |
| 5201012002 | Koperasi Merah Putih 2 | Desa 2 | Gerung | Kuning | infrastruktur 86/100; unit usaha 0/1 | Pembangunan | 80,0 | tanpa prakiraan | – | 0 |
| 5201012003 | Koperasi Merah Putih 3 | Desa 3 | Gerung | Kuning | infrastruktur 97/100; unit usaha 0/1 | Pembangunan | 95,0 | tanpa prakiraan | – | 0 |
| 5201012004 | Koperasi Merah Putih 4 | Desa 4 | Gerung | Kuning | infrastruktur 93/100; unit usaha 0/1 | Pembangunan | 90,0 | tanpa prakiraan | – | 0 |
| 5201012005 | Koperasi Merah Putih 5 | Desa 5 | Gerung | Kuning | unit usaha 0/1 | Bangunan selesai | 100,0 | tanpa prakiraan | – | 0 |
| 5201022001 | Koperasi Merah Putih 6 | Desa 6 | Narmada | Kuning | infrastruktur 59/100; unit usaha 0/1 | Pembangunan | 42,0 | tanpa prakiraan | – | 0 |
| 5201022002 | Koperasi Merah Putih 7 | Desa 7 | Narmada | Kuning | infrastruktur 64/100; unit usaha 0/1 | Pembangunan | 48,0 | tanpa prakiraan | – | 0 |
| 5201022003 | Koperasi Merah Putih 8 | Desa 8 | Narmada | Kuning | unit usaha 0/1 | Bangunan selesai | 100,0 | tanpa prakiraan | – | 0 |
| 5201022004 | Koperasi Merah Putih 9 | Desa 9 | Narmada | Hijau | – | Beroperasi | 100,0 | tanpa prakiraan | – | 0 |
| 5201022005 | Koperasi Merah Putih 10 | Desa 10 | Narmada | Hijau | – | Beroperasi | 100,0 | tanpa prakiraan | – | 0 |
| 5202012001 | Koperasi Merah Putih 11 | Desa 11 | Praya | Kuning | infrastruktur 66/100; unit usaha 0/1 | Pembangunan | 51,0 | tanpa prakiraan | – | 0 |
| 5202012002 | Koperasi Merah Putih 12 | Desa 12 | Praya | Kuning | infrastruktur 72/100; unit usaha 0/1 | Pembangunan | 60,0 | tanpa prakiraan | – | 0 |
| 5202012003 | Koperasi Merah Putih 13 | Desa 13 | Praya | Kuning | infrastruktur 76/100; unit usaha 0/1 | Pembangunan | 65,0 | tanpa prakiraan | – | 0 |
| 5202012004 | Koperasi Merah Putih 14 | Desa 14 | Praya | Kuning | infrastruktur 76/100; unit usaha 0/1 | Pembangunan | 66,0 | tanpa prakiraan | – | 0 |
| 5202012005 | Koperasi Merah Putih 15 | Desa 15 | Praya | Hijau | – | Beroperasi | 100,0 | tanpa prakiraan | – | 0 |
| 5202022001 | Koperasi Merah Putih 16 | Desa 16 | Pujut | Kuning | infrastruktur 72/100; unit usaha 0/1 | Pembangunan | 60,0 | tanpa prakiraan | – | 0 |
| 5202022002 | Koperasi Merah Putih 17 | Desa 17 | Pujut | Kuning | infrastruktur 80/100; unit usaha 0/1 | Pembangunan | 72,0 | tanpa prakiraan | – | 0 |
| 5202022003 | \<script\>alert(1)\</script\> | Desa A\|B \*x\* \_y\_ \[z\] \& \<b\> | Pujut | Merah | infrastruktur 58/100; unit usaha 0/1 | Pembangunan | 40,0 | tanpa prakiraan | – | 0 |
| 5202022004 | Koperasi Merah Putih 19 | Desa 19 | Pujut | Merah | infrastruktur 0/100; unit usaha 0/1 | Terdaftar | – | tanpa prakiraan | – | 0 |
| 5202022005 | Koperasi Merah Putih 20 | Desa 20 | Pujut | Merah | infrastruktur 0/100; unit usaha 0/1 | Masuk portal | – | tanpa prakiraan | – | 0 |

Data: [data/cooperatives.csv](data/cooperatives.csv) · [JSON](data/cooperatives.json)

## 10. Kurva S pembangunan

Koperasi yang sedang membangun dengan tanggal hijau prakiraan paling lambat (tanpa prakiraan: yang paling lama membangun).

![Kurva S koperasi yang paling terlambat](charts/scurves.svg)

_Hanya progres teramati; proyeksi memerlukan prakiraan._

| Kode | Nama | Desa | Progres (%) | Minggu membangun | Hijau P50 |
| --- | --- | --- | ---: | ---: | --- |
| 5201012001 | Koperasi Merah Putih 1 | Desa 1 | 66,0 | 13 | – |
| 5202022001 | Koperasi Merah Putih 16 | Desa 16 | 60,0 | 12 | – |
| 5201012002 | Koperasi Merah Putih 2 | Desa 2 | 80,0 | 12 | – |
| 5202022002 | Koperasi Merah Putih 17 | Desa 17 | 72,0 | 11 | – |
| 5201012003 | Koperasi Merah Putih 3 | Desa 3 | 95,0 | 11 | – |
| 5202022003 | \<script\>alert(1)\</script\> | Desa A\|B \*x\* \_y\_ \[z\] \& \<b\> | 40,0 | 10 | – |
| 5202012001 | Koperasi Merah Putih 11 | Desa 11 | 51,0 | 10 | – |
| 5201012004 | Koperasi Merah Putih 4 | Desa 4 | 90,0 | 10 | – |
| 5202012002 | Koperasi Merah Putih 12 | Desa 12 | 60,0 | 9 | – |

Data: [data/scurve_cooperatives.csv](data/scurve_cooperatives.csv) · [JSON](data/scurve_cooperatives.json)

## 11. Operasional dan kesehatan usaha

3 koperasi beroperasi minggu ini dengan 4 unit usaha aktif. Belum ada angka omzet.

Koperasi yang beroperasi minggu ini. Omzet dalam rupiah per bulan (median dan kuartil); anggota aktif = jumlah anggota aktif dibagi jumlah anggota.

| Kabupaten/Kota | Beroperasi | Unit usaha aktif | Median omzet (Rp) | P25 omzet (Rp) | P75 omzet (Rp) | Anggota aktif | Menurun | Tren per minggu |
| --- | ---: | ---: | --- | --- | --- | --- | ---: | --- |
| Lombok Barat | 2 | 3 | – | – | – | – | 0 | – |
| Lombok Tengah | 1 | 1 | – | – | – | – | 0 | – |
| Total | 3 | 4 | – | – | – | – | 0 | – |

Data: [data/health.csv](data/health.csv) · [JSON](data/health.json)

Tidak ada koperasi beroperasi yang menurun minggu ini.

Ambang penurunan: ambang standar (KDKMP rule set 1 (version 1) tidak memuatnya); zona tidak berubah karena penurunan.

## 12. Peringatan data

Peringatan saat impor: baris tetap dipakai, tetapi datanya perlu diperiksa.

| Jenis | Minggu ini | Semua minggu |
| --- | ---: | ---: |
| Progres fisik turun | 0 | 1 |
| Koperasi tidak melapor minggu ini | 0 | 1 |

Data: [data/warning_counts.csv](data/warning_counts.csv) · [JSON](data/warning_counts.json)

## 13. Versi aturan, model dan data

Laporan ini dapat diulang: data, aturan dan pengaturan model yang sama menghasilkan angka yang sama.

| Keterangan | Nilai |
| --- | --- |
| Alat | kendali test |
| Aturan zona | KDKMP rule set 1 (version 1) |
| Sumber aturan | bawaan |
| SHA-256 aturan (JSON) | 32018f52099a2a6a0b8a8c6c9873c6cdc3f908cc3b10152812a1c2b1a9971fd4 |
| Sumber data | folder snapshots |
| Minggu laporan | 16 (19 Juni 2026 – 2 Oktober 2026) |
| Berkas terbaru | 2026-10-02.csv |
| SHA-256 berkas terbaru | 29a5102cbb3f93bd68adca6fde6ebf310c8cac6c96dcf112f90208ca7b4b1360 |
| SHA-256 seluruh data | 8052d2f080af26158c6849d30404e79bf7bde5fa9f6bdff67aaf039ca7363bec |
| Prakiraan | tidak dijalankan |

Data: [data/versions.csv](data/versions.csv) · [JSON](data/versions.json)

---

Dibuat oleh kendali test. Tabel lengkap ada di folder data/ (CSV dan JSON).

<generated>


"""##

    static let trendSVG = ##"""
<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="880" height="400" viewBox="0 0 880 400" role="img" aria-labelledby="chart-title chart-desc" font-family="Helvetica, Arial, Liberation Sans, DejaVu Sans, sans-serif" font-size="12">
  <title id="chart-title">Cooperatives by zone per week — Nusa Tenggara Barat</title>
  <desc id="chart-desc">Cooperatives by zone per week — Nusa Tenggara Barat. Horizontal axis: 19 Jun 2026 to 25 Sep. Vertical axis (Cooperatives): 0 to 20. Series: Green, Yellow, Red.</desc>
  <defs>
    <pattern id="chart-pattern-diagonal-000000" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
      <line x1="0" y1="0" x2="0" y2="6" stroke="#000000" stroke-width="1.2" stroke-opacity="0.55"/>
    </pattern>
    <pattern id="chart-pattern-crosshatch-ffffff" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
      <line x1="0" y1="0" x2="0" y2="6" stroke="#ffffff" stroke-width="1.2" stroke-opacity="0.55"/>
      <line x1="0" y1="0" x2="6" y2="0" stroke="#ffffff" stroke-width="1.2" stroke-opacity="0.55"/>
    </pattern>
    <clipPath id="chart-clip-0">
      <rect x="48.55" y="83.1" width="825.45" height="290.9"/>
    </clipPath>
  </defs>
  <rect x="0" y="0" width="880" height="400" fill="#ffffff"/>
  <text x="12" y="28" font-size="16" font-weight="bold" fill="#222222">Cooperatives by zone per week — Nusa Tenggara Barat</text>
  <text x="12" y="45.6" fill="#555555">Cooperatives reporting, stacked by zone</text>
  <g aria-label="legend">
    <rect x="12" y="61.6" width="24" height="12" fill="#009988" fill-opacity="0.9"/>
    <text x="42" y="71.8" fill="#222222">Green</text>
    <rect x="94.32" y="61.6" width="24" height="12" fill="#eebb33" fill-opacity="0.9"/>
    <rect x="94.32" y="61.6" width="24" height="12" fill="url(#chart-pattern-diagonal-000000)"/>
    <text x="124.32" y="71.8" fill="#222222">Yellow</text>
    <rect x="183.9" y="61.6" width="24" height="12" fill="#aa2211" fill-opacity="0.9"/>
    <rect x="183.9" y="61.6" width="24" height="12" fill="url(#chart-pattern-crosshatch-ffffff)"/>
    <text x="213.9" y="71.8" fill="#222222">Red</text>
  </g>
  <g stroke="#e3e3e3" stroke-width="1">
    <line x1="54.55" y1="368" x2="868" y2="368"/>
    <line x1="54.55" y1="298.27" x2="868" y2="298.27"/>
    <line x1="54.55" y1="228.55" x2="868" y2="228.55"/>
    <line x1="54.55" y1="158.82" x2="868" y2="158.82"/>
    <line x1="54.55" y1="89.1" x2="868" y2="89.1"/>
  </g>
  <g clip-path="url(#chart-clip-0)">
    <g aria-label="Green, Yellow, Red">
      <path d="M54.55 368L108.78 368L163.01 368L217.24 368L271.47 368L325.7 368L379.93 368L434.16 368L488.39 368L542.62 368L596.85 368L651.08 368L705.31 368L759.54 354.06L813.77 354.06L868 326.17L868 368L813.77 368L759.54 368L705.31 368L651.08 368L596.85 368L542.62 368L488.39 368L434.16 368L379.93 368L325.7 368L271.47 368L217.24 368L163.01 368L108.78 368L54.55 368Z" fill="#009988" fill-opacity="0.9"/>
      <path d="M54.55 368L108.78 368L163.01 368L217.24 368L271.47 368L325.7 368L379.93 368L434.16 368L488.39 368L542.62 368L596.85 368L651.08 368L705.31 368L759.54 354.06L813.77 354.06L868 326.17" fill="none" stroke="#ffffff" stroke-width="0.75"/>
      <path d="M54.55 103.05L108.78 103.05L163.01 103.05L217.24 116.99L271.47 116.99L325.7 116.99L379.93 116.99L434.16 116.99L488.39 116.99L542.62 116.99L596.85 130.94L651.08 116.99L705.31 116.99L759.54 116.99L813.77 116.99L868 130.94L868 326.17L813.77 354.06L759.54 354.06L705.31 368L651.08 368L596.85 368L542.62 368L488.39 368L434.16 368L379.93 368L325.7 368L271.47 368L217.24 368L163.01 368L108.78 368L54.55 368Z" fill="#eebb33" fill-opacity="0.9"/>
      <path d="M54.55 103.05L108.78 103.05L163.01 103.05L217.24 116.99L271.47 116.99L325.7 116.99L379.93 116.99L434.16 116.99L488.39 116.99L542.62 116.99L596.85 130.94L651.08 116.99L705.31 116.99L759.54 116.99L813.77 116.99L868 130.94L868 326.17L813.77 354.06L759.54 354.06L705.31 368L651.08 368L596.85 368L542.62 368L488.39 368L434.16 368L379.93 368L325.7 368L271.47 368L217.24 368L163.01 368L108.78 368L54.55 368Z" fill="url(#chart-pattern-diagonal-000000)"/>
      <path d="M54.55 103.05L108.78 103.05L163.01 103.05L217.24 116.99L271.47 116.99L325.7 116.99L379.93 116.99L434.16 116.99L488.39 116.99L542.62 116.99L596.85 130.94L651.08 116.99L705.31 116.99L759.54 116.99L813.77 116.99L868 130.94" fill="none" stroke="#ffffff" stroke-width="0.75"/>
      <path d="M54.55 89.1L108.78 89.1L163.01 89.1L217.24 89.1L271.47 89.1L325.7 89.1L379.93 89.1L434.16 89.1L488.39 89.1L542.62 89.1L596.85 103.05L651.08 89.1L705.31 89.1L759.54 89.1L813.77 89.1L868 89.1L868 130.94L813.77 116.99L759.54 116.99L705.31 116.99L651.08 116.99L596.85 130.94L542.62 116.99L488.39 116.99L434.16 116.99L379.93 116.99L325.7 116.99L271.47 116.99L217.24 116.99L163.01 103.05L108.78 103.05L54.55 103.05Z" fill="#aa2211" fill-opacity="0.9"/>
      <path d="M54.55 89.1L108.78 89.1L163.01 89.1L217.24 89.1L271.47 89.1L325.7 89.1L379.93 89.1L434.16 89.1L488.39 89.1L542.62 89.1L596.85 103.05L651.08 89.1L705.31 89.1L759.54 89.1L813.77 89.1L868 89.1L868 130.94L813.77 116.99L759.54 116.99L705.31 116.99L651.08 116.99L596.85 130.94L542.62 116.99L488.39 116.99L434.16 116.99L379.93 116.99L325.7 116.99L271.47 116.99L217.24 116.99L163.01 103.05L108.78 103.05L54.55 103.05Z" fill="url(#chart-pattern-crosshatch-ffffff)"/>
      <path d="M54.55 89.1L108.78 89.1L163.01 89.1L217.24 89.1L271.47 89.1L325.7 89.1L379.93 89.1L434.16 89.1L488.39 89.1L542.62 89.1L596.85 103.05L651.08 89.1L705.31 89.1L759.54 89.1L813.77 89.1L868 89.1" fill="none" stroke="#ffffff" stroke-width="0.75"/>
    </g>
  </g>
  <g aria-hidden="true">
    <line x1="54.55" y1="368" x2="868" y2="368" stroke="#666666" stroke-width="1"/>
    <line x1="54.55" y1="368" x2="54.55" y2="373" stroke="#666666" stroke-width="1"/>
    <text x="54.55" y="385.8" font-size="11" text-anchor="middle" fill="#555555">19 Jun 2026</text>
    <line x1="163.01" y1="368" x2="163.01" y2="373" stroke="#666666" stroke-width="1"/>
    <text x="163.01" y="385.8" font-size="11" text-anchor="middle" fill="#555555">3 Jul</text>
    <line x1="271.47" y1="368" x2="271.47" y2="373" stroke="#666666" stroke-width="1"/>
    <text x="271.47" y="385.8" font-size="11" text-anchor="middle" fill="#555555">17 Jul</text>
    <line x1="379.93" y1="368" x2="379.93" y2="373" stroke="#666666" stroke-width="1"/>
    <text x="379.93" y="385.8" font-size="11" text-anchor="middle" fill="#555555">31 Jul</text>
    <line x1="488.39" y1="368" x2="488.39" y2="373" stroke="#666666" stroke-width="1"/>
    <text x="488.39" y="385.8" font-size="11" text-anchor="middle" fill="#555555">14 Aug</text>
    <line x1="596.85" y1="368" x2="596.85" y2="373" stroke="#666666" stroke-width="1"/>
    <text x="596.85" y="385.8" font-size="11" text-anchor="middle" fill="#555555">28 Aug</text>
    <line x1="705.31" y1="368" x2="705.31" y2="373" stroke="#666666" stroke-width="1"/>
    <text x="705.31" y="385.8" font-size="11" text-anchor="middle" fill="#555555">11 Sep</text>
    <line x1="813.77" y1="368" x2="813.77" y2="373" stroke="#666666" stroke-width="1"/>
    <text x="813.77" y="385.8" font-size="11" text-anchor="middle" fill="#555555">25 Sep</text>
  </g>
  <g aria-hidden="true">
    <line x1="54.55" y1="89.1" x2="54.55" y2="368" stroke="#666666" stroke-width="1"/>
    <line x1="49.55" y1="368" x2="54.55" y2="368" stroke="#666666" stroke-width="1"/>
    <text x="46.55" y="371.85" font-size="11" text-anchor="end" fill="#555555">0</text>
    <line x1="49.55" y1="298.27" x2="54.55" y2="298.27" stroke="#666666" stroke-width="1"/>
    <text x="46.55" y="302.13" font-size="11" text-anchor="end" fill="#555555">5</text>
    <line x1="49.55" y1="228.55" x2="54.55" y2="228.55" stroke="#666666" stroke-width="1"/>
    <text x="46.55" y="232.4" font-size="11" text-anchor="end" fill="#555555">10</text>
    <line x1="49.55" y1="158.82" x2="54.55" y2="158.82" stroke="#666666" stroke-width="1"/>
    <text x="46.55" y="162.67" font-size="11" text-anchor="end" fill="#555555">15</text>
    <line x1="49.55" y1="89.1" x2="54.55" y2="89.1" stroke="#666666" stroke-width="1"/>
    <text x="46.55" y="92.95" font-size="11" text-anchor="end" fill="#555555">20</text>
  </g>
  <text x="24" y="228.55" text-anchor="middle" fill="#222222" transform="rotate(-90 24 228.55)">Cooperatives</text>
</svg>

"""##
}

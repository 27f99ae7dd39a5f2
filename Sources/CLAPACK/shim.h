/*
 * The Fortran LAPACK and BLAS routines Kendali calls, declared by the project itself
 * (Debian's liblapack-dev ships no C header for them).
 *
 * Fortran calling convention (gfortran): every argument by pointer, INTEGER is 32-bit,
 * and every CHARACTER argument carries a hidden trailing length of type size_t, passed
 * after all the ordinary arguments (Reference-LAPACK issue 339, OpenBLAS issue 2154).
 */
#ifndef KENDALI_CLAPACK_SHIM_H
#define KENDALI_CLAPACK_SHIM_H

#include <stddef.h>

typedef int lapack_int;

/* QR with column pivoting and the rank-revealing least-squares driver */
void dgeqp3_(const lapack_int *m, const lapack_int *n, double *a, const lapack_int *lda,
             lapack_int *jpvt, double *tau, double *work, const lapack_int *lwork,
             lapack_int *info);
void dgeqrf_(const lapack_int *m, const lapack_int *n, double *a, const lapack_int *lda,
             double *tau, double *work, const lapack_int *lwork, lapack_int *info);
void dormqr_(const char *side, const char *trans, const lapack_int *m, const lapack_int *n,
             const lapack_int *k, const double *a, const lapack_int *lda, const double *tau,
             double *c, const lapack_int *ldc, double *work, const lapack_int *lwork,
             lapack_int *info, size_t side_len, size_t trans_len);
void dorgqr_(const lapack_int *m, const lapack_int *n, const lapack_int *k, double *a,
             const lapack_int *lda, const double *tau, double *work, const lapack_int *lwork,
             lapack_int *info);
void dtrtrs_(const char *uplo, const char *trans, const char *diag, const lapack_int *n,
             const lapack_int *nrhs, const double *a, const lapack_int *lda, double *b,
             const lapack_int *ldb, lapack_int *info, size_t uplo_len, size_t trans_len,
             size_t diag_len);
void dtrtri_(const char *uplo, const char *diag, const lapack_int *n, double *a,
             const lapack_int *lda, lapack_int *info, size_t uplo_len, size_t diag_len);
void dtrcon_(const char *norm, const char *uplo, const char *diag, const lapack_int *n,
             const double *a, const lapack_int *lda, double *rcond, double *work,
             lapack_int *iwork, lapack_int *info, size_t norm_len, size_t uplo_len,
             size_t diag_len);
void dgelsy_(const lapack_int *m, const lapack_int *n, const lapack_int *nrhs, double *a,
             const lapack_int *lda, double *b, const lapack_int *ldb, lapack_int *jpvt,
             const double *rcond, lapack_int *rank, double *work, const lapack_int *lwork,
             lapack_int *info);

/* SVD least squares (divide and conquer) */
void dgelsd_(const lapack_int *m, const lapack_int *n, const lapack_int *nrhs, double *a,
             const lapack_int *lda, double *b, const lapack_int *ldb, double *s,
             const double *rcond, lapack_int *rank, double *work, const lapack_int *lwork,
             lapack_int *iwork, lapack_int *info);
void dgesdd_(const char *jobz, const lapack_int *m, const lapack_int *n, double *a,
             const lapack_int *lda, double *s, double *u, const lapack_int *ldu, double *vt,
             const lapack_int *ldvt, double *work, const lapack_int *lwork, lapack_int *iwork,
             lapack_int *info, size_t jobz_len);

/* Cholesky */
void dpotrf_(const char *uplo, const lapack_int *n, double *a, const lapack_int *lda,
             lapack_int *info, size_t uplo_len);
void dpotrs_(const char *uplo, const lapack_int *n, const lapack_int *nrhs, const double *a,
             const lapack_int *lda, double *b, const lapack_int *ldb, lapack_int *info,
             size_t uplo_len);
void dpotri_(const char *uplo, const lapack_int *n, double *a, const lapack_int *lda,
             lapack_int *info, size_t uplo_len);
void dpocon_(const char *uplo, const lapack_int *n, const double *a, const lapack_int *lda,
             const double *anorm, double *rcond, double *work, lapack_int *iwork,
             lapack_int *info, size_t uplo_len);

/* LU */
void dgesv_(const lapack_int *n, const lapack_int *nrhs, double *a, const lapack_int *lda,
            lapack_int *ipiv, double *b, const lapack_int *ldb, lapack_int *info);
void dgetrf_(const lapack_int *m, const lapack_int *n, double *a, const lapack_int *lda,
             lapack_int *ipiv, lapack_int *info);
void dgecon_(const char *norm, const lapack_int *n, const double *a, const lapack_int *lda,
             const double *anorm, double *rcond, double *work, lapack_int *iwork,
             lapack_int *info, size_t norm_len);

/* Symmetric eigenproblem (divide and conquer) */
void dsyevd_(const char *jobz, const char *uplo, const lapack_int *n, double *a,
             const lapack_int *lda, double *w, double *work, const lapack_int *lwork,
             lapack_int *iwork, const lapack_int *liwork, lapack_int *info, size_t jobz_len,
             size_t uplo_len);

/* Norms */
double dlange_(const char *norm, const lapack_int *m, const lapack_int *n, const double *a,
               const lapack_int *lda, double *work, size_t norm_len);
double dlansy_(const char *norm, const char *uplo, const lapack_int *n, const double *a,
               const lapack_int *lda, double *work, size_t norm_len, size_t uplo_len);

/* BLAS */
void dgemm_(const char *transa, const char *transb, const lapack_int *m, const lapack_int *n,
            const lapack_int *k, const double *alpha, const double *a, const lapack_int *lda,
            const double *b, const lapack_int *ldb, const double *beta, double *c,
            const lapack_int *ldc, size_t transa_len, size_t transb_len);
void dgemv_(const char *trans, const lapack_int *m, const lapack_int *n, const double *alpha,
            const double *a, const lapack_int *lda, const double *x, const lapack_int *incx,
            const double *beta, double *y, const lapack_int *incy, size_t trans_len);
void dsyrk_(const char *uplo, const char *trans, const lapack_int *n, const lapack_int *k,
            const double *alpha, const double *a, const lapack_int *lda, const double *beta,
            double *c, const lapack_int *ldc, size_t uplo_len, size_t trans_len);

#endif
